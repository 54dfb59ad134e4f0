"""The Flask application: configuration, database session per request, the staff guard
and CSRF check (in that order, so a staff URL without a session always answers a redirect
to the login), security headers on every answer.

Flask was chosen over Starlette/FastAPI: the pages are server-rendered forms with Jinja2
(which the digests already use), Flask-WTF gives tested CSRF protection, and sync views
fit the synchronous SQLAlchemy and smtplib code the parts are written in.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect

from web.i18n import words

HERE = Path(__file__).resolve().parent
csrf = CSRFProtect()

#: staff endpoints reachable without a session
OPEN_STAFF = {"staff.login"}


#: stored vocabulary as staff read it
SWEDISH = {"open": "öppen", "upcoming": "kommande", "closed": "stängd", "rolling": "löpande",
           "high": "hög", "medium": "medel", "low": "låg", "ok": "ok", "failed": "misslyckad",
           "running": "pågår"}


def _local(value) -> str:
    """A stored UTC time as Stockholm time, minutes only."""
    from hubb.clock import TZ

    return value.astimezone(TZ).strftime("%Y-%m-%d %H:%M") if value else ""


class ConfigError(ValueError):
    """A setting the web service cannot run without (one line, exit 2 in ``hubb serve``)."""


def create_app(settings=None, engine=None) -> Flask:
    from db.engine import make_engine, make_sessionmaker
    from hubb.settings import get_settings

    settings = settings or get_settings()
    if settings.secret_key is None or len(settings.secret_key.get_secret_value()) < 16:
        raise ConfigError("HUBB_SECRET_KEY: not set or shorter than 16 characters; the web service "
                          "signs links and staff sessions with it")
    app = Flask("web", template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    base = settings.public_base_url or ""
    app.config.update(
        SECRET_KEY=settings.secret_key.get_secret_value(),
        # secure cookies wherever the public URL is https; plain http only for loopback (demo)
        SESSION_COOKIE_SECURE=base.startswith("https://"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="hubb_session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        WTF_CSRF_CHECK_DEFAULT=False,  # checked in _guard, after the login check
        WTF_CSRF_TIME_LIMIT=None,  # tied to the session, which expires itself
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.extensions["hubb_settings"] = settings
    app.extensions["hubb_engine"] = engine or make_engine(settings.database_url)
    app.extensions["hubb_sessions"] = make_sessionmaker(app.extensions["hubb_engine"])
    if settings.web.proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = settings.web.proxies
        # Flask's documented way to add WSGI middleware; mypy sees wsgi_app only as a method
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    csrf.init_app(app)
    app.jinja_env.filters["local"] = _local
    app.jinja_env.filters["sv"] = lambda value: SWEDISH.get(str(value), str(value))

    from web import public, staff

    app.register_blueprint(public.bp)
    app.register_blueprint(staff.bp, url_prefix="/staff")

    @app.before_request
    def _guard():
        g.lang = "sv"
        endpoint = request.endpoint or ""
        if endpoint.startswith("staff.") and endpoint not in OPEN_STAFF:
            from web.auth import current_staff

            if current_staff() is None:
                session.pop("staff", None)
                return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        if request.method == "POST" and endpoint != "public.unsubscribe":
            # the RFC 8058 one-click POST comes from a mail client with no session: its
            # signed token is its authority. Every other form carries a CSRF token.
            csrf.protect()

    @app.teardown_request
    def _close(_exc):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    @app.after_request
    def _headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        # tokens live in the URLs of these pages: never send them on to another site
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

    @app.errorhandler(CSRFError)
    def _csrf(_exc):
        return render_template("message.html", t=words(g.get("lang")), heading=words(g.get("lang"))["bad_title"],
                               body=words(g.get("lang"))["csrf"]), 400

    @app.errorhandler(404)
    def _missing(_exc):
        t = words(g.get("lang"))
        return render_template("message.html", t=t, heading=t["not_found"], body=""), 404

    return app
