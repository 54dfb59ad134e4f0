"""Running the app under gunicorn (a pre-forking WSGI server: workers restart on a crash,
and it is the common server behind nginx/Caddy). Started from ``hubb serve`` in-process,
so the settings and the database are exactly the command line's."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self._options = options
        super().__init__()

    def load_config(self):
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self):
        from web.app import create_app

        return create_app()


def serve(host: str, port: int, workers: int, forwarded_allow_ips: str | None = None) -> None:
    """Serve until stopped (SIGINT/SIGTERM). No access log: the URLs carry signed tokens
    and nobody's clicks are recorded."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "timeout": 60,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "hubb-web",
        # gunicorn 23+ opens a control socket in ~/.gunicorn: several services (or tests) on
        # one host would share it, and nothing here uses it
        "control_socket_disable": True,
    }
    if forwarded_allow_ips:
        options["forwarded_allow_ips"] = forwarded_allow_ips
    _Gunicorn(options).run()
