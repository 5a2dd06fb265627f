"""Background tasks of the content app (django-tasks).

``read_import`` reads an admin upload: text extraction and parsing run in a
child process with a memory limit and a time limit, so a hostile file can
neither stall the worker nor exhaust its memory. The web request only stores
the upload and enqueues the task; the editor follows the job's status page.
"""

from __future__ import annotations

import multiprocessing
import resource
from typing import Any

from django_tasks import task

from content.importer import UnreadableFile, extract_text_from_bytes, parse_text
from content.models import ImportJob

#: Wall time and address space allowed to read one upload.
READ_TIMEOUT_SECONDS = 60
READ_MEMORY_BYTES = 1024 * 1024 * 1024


def _read(data: bytes | None, text: str, filename: str) -> dict[str, Any]:
    """Extract and parse: {"text", "parsed"} or {"error"} (a message for editors)."""
    try:
        if data is not None:
            text = extract_text_from_bytes(data, filename)
        return {"text": text, "parsed": parse_text(text).to_dict()}
    except UnreadableFile as error:
        return {"error": str(error)}
    except MemoryError:
        return {"error": "Tệp cần quá nhiều bộ nhớ để đọc (tệp bất thường)"}


def _child(connection: Any, data: bytes | None, text: str, filename: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (READ_MEMORY_BYTES, READ_MEMORY_BYTES))
    connection.send(_read(data, text, filename))
    connection.close()


def read_limited(data: bytes | None, text: str, filename: str) -> dict[str, Any]:
    """``_read`` in a forked child under the time and memory limits."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, data, text, filename), daemon=True)
    process.start()
    sender.close()
    try:
        if receiver.poll(READ_TIMEOUT_SECONDS):
            return receiver.recv()
        return {"error": f"Đọc tệp quá {READ_TIMEOUT_SECONDS} giây: tệp bất thường, đã dừng"}
    except EOFError:  # the child died (memory limit) without answering
        return {"error": "Tệp cần quá nhiều bộ nhớ để đọc (tệp bất thường)"}
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()


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
