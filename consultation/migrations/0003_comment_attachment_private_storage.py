"""Citizens' attachments move out of MEDIA_ROOT into the private storage (issue 16,
finding 7; core.private_media). No deployment exists yet, but a development database
loaded before this change has its files under MEDIA_ROOT: they are moved, under the same
name, so that the rows keep pointing at them. Idempotent; a missing file is left alone
(the row already pointed at nothing)."""

import os

from django.conf import settings
from django.core.files import File
from django.db import migrations, models

import consultation.uploads
import core.private_media


def move_to_private_storage(apps, schema_editor):
    Comment = apps.get_model("consultation", "ConsultationComment")
    private = core.private_media.private_storage()
    public_root = os.path.realpath(settings.MEDIA_ROOT)
    names = Comment.objects.exclude(attachment="").values_list("pk", "attachment")
    for pk, name in names.iterator():
        source = os.path.realpath(os.path.join(public_root, name))
        if not source.startswith(public_root + os.sep) or not os.path.isfile(source):
            continue
        if not private.exists(name):
            with open(source, "rb") as handle:
                stored = private.save(name, File(handle))
            if stored != name:
                Comment.objects.filter(pk=pk).update(attachment=stored)
        os.remove(source)
        folder = os.path.dirname(source)
        if folder != public_root and not os.listdir(folder):
            os.rmdir(folder)  # the file's random folder, now empty


class Migration(migrations.Migration):

    dependencies = [
        ('consultation', '0002_answer_workflow_and_permissions'),
    ]

    operations = [
        migrations.AlterField(
            model_name='consultationcomment',
            name='attachment',
            field=models.FileField(blank=True, max_length=255, storage=core.private_media.private_storage, upload_to=consultation.uploads.comment_upload_to, verbose_name='attached file'),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop, elidable=True),
    ]
