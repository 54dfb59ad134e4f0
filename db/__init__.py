"""The database: typed SQLAlchemy 2.0 models, engine and session set-up, Alembic
migrations, and the one place that writes calls (`db.store`)."""
