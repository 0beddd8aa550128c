"""Downloads: the status report (md, html, pdf, docx), the brief, the action plan (xlsx), the deck,
the input requests of the steering committee under preparation (md).

Each is made from the cached Review into a temporary folder and sent; nothing is kept.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from pmo import api
from pmo.errors import InputError
from pmo.web import auth
from pmo.web.routes.common import Reader, cached

router = APIRouter(prefix="/api", tags=["downloads"])

Download = Literal["report.md", "report.html", "report.pdf", "report.docx", "brief.md", "brief.html",
                   "actions.xlsx", "deck.pptx", "requests.md"]
MEDIA = {
    "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@router.get(
    "/projects/{key}/downloads/{what}",
    responses={
        200: {"description": "the file", "content": {m: {} for m in dict.fromkeys(MEDIA.values())}},
        401: {"description": "not logged in"}, 403: {"description": "no role on this project"},
        404: {"description": "no such project, or this output is not available here"},
    },
    response_class=Response,
)
def download(request: Request, key: str, what: Download, access: auth.Access = Reader) -> Response:
    """A document of the project, made from the Review the pages show."""
    review = cached(request, key).review
    kind, fmt = what.split(".")
    if kind == "requests":  # the input requests of the steering committee under preparation
        text = api.input_requests_markdown(review)
        if text is None:
            raise HTTPException(404, "no input requests: no steering committee pack is under way (T-5 to its day)")
        name = f"requests-{key}-{review.as_of.isoformat()}.md"
        return Response(text.encode(), media_type=MEDIA["md"],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    with tempfile.TemporaryDirectory(prefix="pmo-web-") as folder:
        out = Path(folder)
        if kind == "report":
            if fmt == "pdf":
                problem = api.pdf_problem()
                if problem:
                    raise HTTPException(404, f"no PDF on this server: {problem}")
            files = api.write_report(review, out, [fmt])
        elif kind == "brief":
            files, _ = api.write_brief(review, out, [fmt])
        elif kind == "actions":
            path = out / f"actions-{key}-{review.as_of.isoformat()}.xlsx"
            api.export_project(request.app.state.store, key, path)
            files = [path]
        else:
            root = request.app.state.settings.workspace
            try:
                files = [api.write_deck(review, api.deck_path(review, out), root)]
            except InputError as error:  # a logo named in the project file and missing
                raise HTTPException(404, f"no deck: {error}") from error
        path = files[0]
        return Response(path.read_bytes(), media_type=MEDIA[fmt],
                        headers={"Content-Disposition": f'attachment; filename="{path.name}"'})
