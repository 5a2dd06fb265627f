"""E-mail leaves through a background task (django-tasks), so that no page waits
for the mail server: sign-up then takes the same time whether or not the address
already has an account (issue 17, finding 2)."""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives

from django_tasks import task


def message_data(message: EmailMessage) -> dict:
    """A rendered message as JSON-friendly data for the task queue."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


@task()
def deliver_mail(data: dict) -> None:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    message.send()
