"""Browser imports: upload, check (with committed progress), confirm. Writes live here.

The check is a dry run outside any transaction, so each progress update is committed and a
polling request can read it. The confirmed import validates again inside its one transaction:
the register may have changed since the check.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.exchange.importer import ImportResult, Progress, import_cases
from ombud.cases.exchange.parsing import XLSX_MAGIC, ExchangeFileError
from ombud.cases.models import ImportJob, ImportJobStatus

ALLOWED_SUFFIXES = ("csv", "txt", "xlsx")
KEEP_UPLOADS = dt.timedelta(days=1)
STALE_CHECK = dt.timedelta(minutes=10)


def import_upload_check(upload: UploadedFile) -> None:  # type: ignore[type-arg]
    name = upload.name or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError({"file": _("Choose a CSV file (.csv) or an Excel file (.xlsx).")})
    limit = settings.OMBUD_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {"file": _("The file is too large. The limit is %(mb)d MB.") % {"mb": limit >> 20}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    head = upload.read(4)
    upload.seek(0)
    if suffix == "xlsx" and head != XLSX_MAGIC:
        raise ValidationError({"file": _("The file is not a valid Excel workbook (.xlsx).")})


def import_job_create(
    *,
    actor: User,
    municipality: Municipality,
    upload: UploadedFile,  # type: ignore[type-arg]
    create_missing: bool = False,
) -> ImportJob:
    import_upload_check(upload)
    import_job_purge()
    job = ImportJob(
        municipality=municipality,
        created_by=actor,
        original_name=(upload.name or "")[:255],
        create_missing=create_missing,
    )
    job.file.save(upload.name or "upload.csv", upload, save=False)
    job.save()
    return job


def import_job_check(*, job: ImportJob) -> ImportJob:
    """Dry-run the stored file. Only one check runs at a time; a repeated call just returns."""
    stale = timezone.now() - STALE_CHECK
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.UPLOADED).update(
        status=ImportJobStatus.CHECKING, updated_at=timezone.now()
    ) or ImportJob.objects.filter(
        pk=job.pk, status=ImportJobStatus.CHECKING, updated_at__lt=stale
    ).update(updated_at=timezone.now())
    if not claimed:
        job.refresh_from_db()
        return job

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            progress_done=done, progress_total=total, updated_at=timezone.now()
        )

    job.status = _run(job, dry_run=True, progress=progress)
    job.save()
    return job


def import_job_confirm(*, actor: User, job: ImportJob) -> ImportJob:
    """Import a checked, faultless file. Nothing is stored if a problem has appeared since."""
    if job.status != ImportJobStatus.CHECKED or job.result.get("problems"):
        raise ValidationError(_("Only a checked file without problems can be imported."))
    status = _run(job, dry_run=False, actor=actor)
    if status == ImportJobStatus.CHECKED and not job.result.get("problems"):
        status = ImportJobStatus.IMPORTED
        job.file.delete(save=False)
    job.status = status
    job.save()
    return job


def _run(
    job: ImportJob,
    *,
    dry_run: bool,
    actor: User | None = None,
    progress: Progress | None = None,
) -> str:
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        job.error = _("The uploaded file is no longer available. Upload it again.")
        return ImportJobStatus.FAILED
    try:
        result = import_cases(
            actor=actor or job.created_by,
            municipality=job.municipality,
            source=data,
            filename=job.original_name,
            dry_run=dry_run,
            create_missing=job.create_missing,
            progress=progress,
        )
    except ExchangeFileError as error:
        job.error = str(error)
        return ImportJobStatus.FAILED
    job.result = result.as_dict()
    return ImportJobStatus.CHECKED


def import_job_result(job: ImportJob) -> ImportResult | None:
    return ImportResult.from_dict(job.result) if job.result else None


@transaction.atomic
def import_job_purge(*, now: dt.datetime | None = None) -> int:
    """Delete uploads older than a day, and the jobs that never imported anything."""
    cutoff = (now or timezone.now()) - KEEP_UPLOADS
    old = list(ImportJob.objects.filter(created_at__lt=cutoff).exclude(file=""))
    for job in old:
        job.file.delete(save=False)
        if job.status == ImportJobStatus.IMPORTED:
            job.save(update_fields=["file"])
        else:
            job.delete()
    return len(old)
