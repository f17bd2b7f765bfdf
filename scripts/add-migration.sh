#!/usr/bin/env bash
# Adds a migration with the same name for both providers (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh AddLeads
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Pipewright --context SqliteMigrations --output-dir Common/Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/Pipewright --context PostgresMigrations --output-dir Common/Data/Migrations/Postgres
