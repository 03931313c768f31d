"""Background tasks of the legal-document library (django-tasks: the database backend's
worker in production, docker/compose.yaml ``worker``; in development and tests the
immediate backend runs a task when it is enqueued)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import_batch(batch_id: int) -> dict:
    """Import the files of a batch (``legal.importer.batch.run_batch``); a batch already
    finished or deleted is left alone, so a task delivered twice does no harm."""
    from .importer.batch import run_batch
    from .models import ImportBatch

    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return {"status": "missing"}
    batch = run_batch(batch)
    return {"status": batch.status, "done": batch.done, "total": batch.total}
