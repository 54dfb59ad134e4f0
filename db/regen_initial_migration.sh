#!/usr/bin/env bash
# Until the first release nothing is deployed, so the schema lives in one initial
# migration, regenerated from db/models.py after a model change. After the first
# release migrations are append-only: `alembic revision --autogenerate` adds one.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f db/migrations/versions/0001_initial.py
tmp=$(mktemp -d)
HUBB_DATABASE_URL="sqlite:///$tmp/empty.sqlite3" python - <<'PY'
from alembic import command
from db.engine import engine_from_settings
from db.migrate import alembic_config
cfg = alembic_config(engine_from_settings())
command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
PY
mv db/migrations/versions/0001_initial_schema.py db/migrations/versions/0001_initial.py
rm -rf "$tmp"
echo "regenerated db/migrations/versions/0001_initial.py"
