"""Background tasks of the content app (django-tasks).

``read_import`` reads an admin upload under the importer's time and memory
limits (``content.importer.limits``), so a hostile file can neither stall the
worker nor exhaust its memory. The web request only stores
the upload and enqueues the task; the editor follows the job's status page.
"""

from __future__ import annotations

from django_tasks import task

from content.importer.limits import read_limited
from content.models import ImportJob


@task()
def read_import(job_id: str) -> str:
    """Read the upload or pasted text of an ImportJob and record the outcome."""
    job = ImportJob.objects.get(pk=job_id)
    job.status, job.step = ImportJob.Status.RUNNING, "extract"
    job.save(update_fields=["status", "step", "updated_at"])
    data = None
    if job.upload:
        with job.upload.open("rb") as handle:
            data = handle.read()
    outcome = read_limited(data, job.text, job.filename)
    if "error" in outcome:
        job.status, job.error = ImportJob.Status.FAILED, outcome["error"]
        if job.upload:  # an unreadable (perhaps hostile) file is not kept
            job.upload.delete(save=False)
    else:
        job.status, job.text, job.parsed = ImportJob.Status.DONE, outcome["text"], outcome["parsed"]
    job.step = ""
    job.save(update_fields=["status", "error", "text", "parsed", "step", "upload", "updated_at"])
    return job.status
