"""The web service, a face over the same parts as the command line (``hubb serve``).

Public pages reached from a digest by signed links (unsubscribe, "intressant" / "passar
inte") and staff pages behind a login. :func:`web.app.create_app` builds the Flask
application; :mod:`web.server` runs it under gunicorn. Parts never import this package.
"""
