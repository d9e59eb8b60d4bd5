"""The web UI and JSON API over a store. Handlers are thin: parse, call one library function, render.

Pages: ``/`` (stories), ``/stories/{id}``, ``/articles/{id}``, ``/sources``, ``/compare``.
API under ``/api`` serving the DESIGN.md records, paginated; OpenAPI at ``/docs``.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism.errors import NewsprismError
from newsprism.store import Store, open_store
from newsprism.web import views
from newsprism.web.security import HEADERS, BodyLimit, fetch_public


@dataclass
class WebConfig:
    store_url: str | None = None
    allow_fetch: bool = False  # fetch user-given URLs on /compare (public addresses only)
    allow_write: bool = False  # let users edit source metadata
    max_upload_bytes: int = 2_000_000
    max_compare_texts: int = 12


class CompareRequest(BaseModel):
    texts: list[str] = Field(default_factory=list, description="article texts (first line = title)")
    urls: list[str] = Field(
        default_factory=list, description="URLs to fetch (server started with --allow-fetch)"
    )


def create_app(config: WebConfig | None = None, *, store: Store | None = None) -> FastAPI:
    """The FastAPI application over ``store`` (or the store at ``config.store_url``)."""
    config = config or WebConfig()
    store = store or open_store(config.store_url)
    app = FastAPI(title="newsprism", version=_version(), docs_url="/docs", redoc_url=None)
    app.state.store = store
    app.state.config = config
    templates = Jinja2Templates(directory=str(resources.files("newsprism") / "templates" / "web"))
    templates.env.autoescape = True
    templates.env.globals.update(allow_write=config.allow_write, allow_fetch=config.allow_fetch)
    templates.env.filters.update(views.FILTERS)
    app.mount("/static", StaticFiles(directory=str(resources.files("newsprism") / "static")), name="static")
    app.add_middleware(BodyLimit, max_bytes=config.max_upload_bytes)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def not_found(what: str) -> HTTPException:
        return HTTPException(status_code=404, detail=f"no {what} in this store")

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        request: Request,
        q: str = "",
        language: str = "",
        outlet: str = "",
        since: str = "",
        page_no: int = Query(1, alias="page", ge=1),
    ) -> HTMLResponse:
        listing = views.story_list(store, q=q, language=language, outlet=outlet, since=since, page=page_no)
        return page(
            request, "index.html", listing=listing, q=q, language=language, outlet=outlet, since=since
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        view = views.story_view(store, story_id)
        if view is None:
            raise not_found(f"story {story_id}")
        return page(request, "story.html", view=view)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        view = views.article_view(store, article_id)
        if view is None:
            raise not_found(f"article {article_id}")
        return page(request, "article.html", view=view)

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request) -> HTMLResponse:
        return page(request, "sources.html", sources=store.sources())

    @app.post("/sources/{domain}", include_in_schema=False)
    def edit_source(
        domain: str, country: str = Form(""), ownership: str = Form(""), notes: str = Form("")
    ) -> RedirectResponse:
        _require_write(config)
        store.update_source(domain, {"country": country, "ownership": ownership, "notes": notes})
        return RedirectResponse("/sources", status_code=303)

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_form(request: Request) -> HTMLResponse:
        return page(request, "compare.html", result=None, texts=["", ""], error=None)

    @app.post("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_submit(request: Request) -> HTMLResponse:
        async with request.form(
            max_files=config.max_compare_texts, max_fields=config.max_compare_texts + 4
        ) as form:
            texts = [str(v) for k, v in form.multi_items() if k == "text" and str(v).strip()]
            for key, value in form.multi_items():
                if key == "file" and isinstance(value, UploadFile):
                    data = await value.read()
                    if data.strip():
                        texts.append(data.decode("utf-8", errors="replace"))
            urls = [str(v).strip() for k, v in form.multi_items() if k == "url" and str(v).strip()]
        try:
            result = _compare(config, texts, urls)
        except NewsprismError as exc:
            return page(
                request, "compare.html", status=400, result=None, texts=texts or ["", ""], error=str(exc)
            )
        return page(request, "compare.html", result=result, texts=texts, error=None)

    # ------------------------------------------------------------------ API

    @app.get("/api/stories", tags=["api"])
    def api_stories(
        q: str = "",
        language: str = "",
        outlet: str = "",
        since: str = "",
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0),
    ) -> JSONResponse:
        """Stories newest first (summaries: no comparison), with filters and full-text search."""
        listing = views.story_list(
            store, q=q, language=language, outlet=outlet, since=since, limit=limit, offset=offset
        )
        return JSONResponse(
            {
                "stories": [views.summary_dict(s) for s in listing.items],
                "limit": limit,
                "offset": offset,
                "next_offset": listing.next_offset,
            }
        )

    @app.get("/api/stories/{story_id}", tags=["api"])
    def api_story(story_id: str) -> JSONResponse:
        """One story: ``{"articles": [Article…], "stories": [Story]}`` as ``newsprism compare`` prints."""
        view = views.story_view(store, story_id)
        if view is None:
            raise not_found(f"story {story_id}")
        return JSONResponse(
            {"articles": [c.article.to_dict() for c in view.columns], "stories": [view.story.to_dict()]}
        )

    @app.get("/api/articles/{article_id}", tags=["api"])
    def api_article(article_id: str) -> JSONResponse:
        article = store.get_article(article_id)
        if article is None:
            raise not_found(f"article {article_id}")
        return JSONResponse(article.to_dict())

    @app.get("/api/sources", tags=["api"])
    def api_sources() -> JSONResponse:
        return JSONResponse({"sources": [views.source_dict(s) for s in store.sources()]})

    @app.put("/api/sources/{domain}", tags=["api"])
    def api_edit_source(domain: str, meta: dict[str, str]) -> JSONResponse:
        """Edit an outlet's metadata (country, ownership, notes); needs ``serve --allow-write``."""
        _require_write(config)
        store.update_source(domain, {k: v for k, v in meta.items() if k in ("country", "ownership", "notes")})
        return JSONResponse({"ok": True})

    @app.get("/api/search", tags=["api"])
    def api_search(
        q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0)
    ) -> JSONResponse:
        """Full-text search over titles and texts: matching Articles, best first."""
        found = store.search(q, limit=limit, offset=offset)
        return JSONResponse({"articles": [a.to_dict() for a in found], "limit": limit, "offset": offset})

    @app.post("/api/compare", tags=["api"])
    def api_compare(body: CompareRequest) -> JSONResponse:
        """Compare two or more texts (or URLs, with --allow-fetch) without storing anything."""
        try:
            result = _compare(config, body.texts, body.urls)
        except NewsprismError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        return JSONResponse(
            {
                "articles": [a.to_dict() for a in result.articles],
                "stories": [s.to_dict() for s in result.stories],
                "skipped": result.skipped,
            }
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(
            request, "error.html", status=exc.status_code, status_code=exc.status_code, detail=exc.detail
        )

    return app


def _require_write(config: WebConfig) -> None:
    if not config.allow_write:
        raise HTTPException(status_code=403, detail="editing is off; start the server with --allow-write")


def _compare(config: WebConfig, texts: list[str], urls: list[str]) -> views.CompareResult:
    from newsprism.errors import UsageError

    if urls and not config.allow_fetch:
        raise UsageError("fetching URLs is off on this server (start it with --allow-fetch)")
    if len(texts) + len(urls) > config.max_compare_texts:
        raise UsageError(f"at most {config.max_compare_texts} texts can be compared at once")
    pages = [
        (f"url-{i}.html", fetch_public(u, max_bytes=config.max_upload_bytes)) for i, u in enumerate(urls)
    ]
    pages += [(f"text-{i + 1}.txt", t.encode("utf-8")) for i, t in enumerate(texts)]
    if len(pages) < 2:
        raise UsageError("give at least two texts to compare")
    with tempfile.TemporaryDirectory(prefix="newsprism-compare-") as tmp:
        paths = []
        for name, data in pages:
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(str(path))
        return views.compare_paths(paths)


def _version() -> str:
    from newsprism import __version__

    return __version__
