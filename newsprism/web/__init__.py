"""The web UI and JSON API (``newsprism serve``): FastAPI + Jinja2 over a store."""

from __future__ import annotations

from newsprism.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app", "serve"]


def serve(
    config: WebConfig, *, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning"
) -> None:
    """Run the server until interrupted (127.0.0.1 by default: say --host to expose it)."""
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, log_level=log_level)
