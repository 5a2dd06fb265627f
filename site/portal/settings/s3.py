"""Uploaded media on S3-compatible storage (django-storages), from AWS_* or S3_* variables."""

from __future__ import annotations

from collections.abc import Mapping


def _first(env: Mapping[str, str], *names: str) -> str:
    return next((env[name] for name in names if env.get(name)), "")


def s3_media(env: Mapping[str, str]) -> tuple[dict | None, list[str]]:
    """The `default` storage for a configured bucket (None without one), and the origins
    media links point to (for the CSP)."""
    bucket = _first(env, "AWS_STORAGE_BUCKET_NAME", "S3_BUCKET")
    if not bucket:
        return None, []
    endpoint = _first(env, "AWS_S3_ENDPOINT_URL", "S3_ENDPOINT_URL")
    region = _first(env, "AWS_S3_REGION_NAME", "S3_REGION")
    domain = _first(env, "AWS_S3_CUSTOM_DOMAIN", "S3_CUSTOM_DOMAIN")
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or None,
            "region_name": region or None,
            "access_key": _first(env, "AWS_ACCESS_KEY_ID", "S3_ACCESS_KEY") or None,
            "secret_key": _first(env, "AWS_SECRET_ACCESS_KEY", "S3_SECRET_KEY") or None,
            "custom_domain": domain or None,
            "location": env.get("S3_LOCATION", "media"),
            "file_overwrite": False,
            "default_acl": None,
            # A private bucket gets signed links, valid longer than a cached page lives;
            # a custom domain (a CDN in front of a public bucket) gets plain ones.
            "querystring_auth": not domain,
            "querystring_expire": int(env.get("S3_LINK_SECONDS", str(24 * 60 * 60))),
        },
    }
    if domain:
        origins = [f"https://{domain}"]
    elif endpoint:
        origins = [endpoint.rstrip("/")]
    else:
        origins = [f"https://{bucket}.s3.amazonaws.com"]
        if region:
            origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return storage, origins
