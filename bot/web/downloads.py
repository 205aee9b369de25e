"""Files the console hands over as downloads: workbooks and PDFs, never cached (they
may carry invite codes or a unit's figures)."""

from __future__ import annotations

from starlette.responses import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(data: bytes, media_type: str, name: str) -> Response:
    """`data` saved by the browser as `name`."""
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(data, media_type=media_type, headers=headers)
