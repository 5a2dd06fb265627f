"""Reading a file under a time and a memory limit (plain Python, no Django).

Extraction and parsing run in a forked child with a capped address space; the
parent waits a bounded time. A hostile file (a PDF page that never ends, a
decompression bomb that slips past the size checks) stops with a message for
editors instead of stalling the admin's worker or the import command.
"""

from __future__ import annotations

import multiprocessing
import resource
from typing import Any

from content.importer.extract import extract_text_from_bytes
from content.importer.model import UnreadableFile
from content.importer.parser import parse_text

#: Wall time and address space allowed to read one file.
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
