"""Alembic environment: runs migrations on the engine handed over by db.migrate
(or, from the alembic command line, on the URL in the settings)."""

from alembic import context

from db.models import Base

config = context.config
target_metadata = Base.metadata

if config.config_file_name and "connection_engine" not in config.attributes:
    # the alembic command line with alembic.ini: its log sections ("Running upgrade …");
    # under hubb the caller's logging stays as it is
    from logging.config import fileConfig

    fileConfig(config.config_file_name, disable_existing_loggers=False)


def run_migrations_online() -> None:
    engine = config.attributes.get("connection_engine")
    if engine is None:
        from db.engine import engine_from_settings

        engine = engine_from_settings()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
