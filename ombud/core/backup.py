"""Backup and restore of one installation: the database (PostgreSQL's pg_dump/pg_restore, or
SQLite's online backup API) and the uploaded files, with a manifest, in one tar file. Never the
keys: SECRET_KEY and FIELD_ENCRYPTION_KEY are kept apart (docs/deployment.md), because a backup
that carried them would open every CPR number to whoever holds the file.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
DB_SQLITE = "database.sqlite3"
DB_POSTGRES = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def _engine() -> str:
    return "postgresql" if "postgresql" in _database()["ENGINE"] else "sqlite"


def _pg_env() -> dict[str, str]:
    db = _database()
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or ""),
        PGPORT=str(db.get("PORT") or ""),
        PGUSER=str(db.get("USER") or ""),
        PGPASSWORD=str(db.get("PASSWORD") or ""),
        PGDATABASE=str(db["NAME"]),
    )
    return env


def _run(*args: str) -> None:
    if shutil.which(args[0]) is None:
        raise BackupError(f"{args[0]} is not installed (apt-get install postgresql-client).")
    result = subprocess.run(  # noqa: S603  # fixed programs, arguments from settings
        args, env=_pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()[-500:]}")


def _dump_database(folder: Path) -> str:
    if _engine() == "postgresql":
        _run(
            "pg_dump", "--format=custom", "--no-owner", "--no-acl", "-f", str(folder / DB_POSTGRES)
        )
        return DB_POSTGRES
    source = sqlite3.connect(str(_database()["NAME"]))
    target = sqlite3.connect(str(folder / DB_SQLITE))
    with target:
        source.backup(target)  # a consistent copy while the site keeps running
    source.close()
    target.close()
    return DB_SQLITE


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".partial-"))


def _manifest(database_file: str, folder: Path, media: list[Path]) -> dict[str, Any]:
    applied = MigrationRecorder(connection).applied_migrations()
    latest: dict[str, str] = {}
    for app, name in sorted(applied):
        latest[app] = max(latest.get(app, ""), name)
    return {
        "format": FORMAT,
        "created_at": dt.datetime.now(tz=dt.UTC).isoformat(),
        "engine": _engine(),
        "database": {"file": database_file, "sha256": _sha256(folder / database_file)},
        "media_files": len(media),
        "migrations": latest,
        "keys": "not included: restore needs the installation's SECRET_KEY and "
        "FIELD_ENCRYPTION_KEY from their own safe place",
    }


def backup_create(output: Path) -> dict[str, Any]:
    """Write the backup to `output` (a tar file, created anew). Returns its manifest."""
    if output.exists():
        raise BackupError(f"{output} exists; choose a new file name.")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=output.parent) as work:
        folder = Path(work)
        database_file = _dump_database(folder)
        media = _media_files()
        manifest = _manifest(database_file, folder, media)
        partial = output.with_name(f".{output.name}.partial")
        with tarfile.open(partial, "w") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            tar.add(folder / database_file, arcname=database_file)
            for path in media:
                tar.add(path, arcname=f"media/{path.relative_to(media_root)}")
        os.replace(partial, output)
    output.chmod(0o600)
    return manifest


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def backup_read_manifest(source: Path) -> dict[str, Any]:
    with tarfile.open(source, "r") as tar:
        member = tar.extractfile("manifest.json")
        if member is None:
            raise BackupError(f"{source} is not an Ombud backup (no manifest).")
        manifest: dict[str, Any] = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup in a format this version cannot read.")
    return manifest


def _database_is_empty() -> bool:
    return not (set(connection.introspection.table_names()) - {"django_migrations"})


def backup_restore(source: Path) -> dict[str, Any]:
    """Restore `source` into an empty database and an empty upload folder. Refuses anything
    else, so a restore never mixes two installations or overwrites a working one."""
    manifest = backup_read_manifest(source)
    if manifest["engine"] != _engine():
        raise BackupError(
            f"The backup is of a {manifest['engine']} database; DATABASE_URL is {_engine()}."
        )
    if not _database_is_empty():
        raise BackupError("The database is not empty. Restore into a new, empty database.")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"The upload folder {media_root} is not empty. Move it away first.")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        with tarfile.open(source, "r") as tar:
            tar.extractall(folder, filter="data")
        database_file = manifest["database"]["file"]
        if _sha256(folder / database_file) != manifest["database"]["sha256"]:
            raise BackupError("The backup's database file is damaged (checksum differs).")
        _restore_database(folder / database_file)
        if (folder / "media").is_dir():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(folder / "media", media_root, dirs_exist_ok=True)
    return manifest


def _restore_database(dump: Path) -> None:
    if _engine() == "postgresql":
        connection.close()
        _run(
            "pg_restore",
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "-d",
            _pg_env()["PGDATABASE"],
            str(dump),
        )
        return
    connection.close()
    source = sqlite3.connect(str(dump))
    target = sqlite3.connect(str(_database()["NAME"]))
    with target:
        source.backup(target)
    source.close()
    target.close()
