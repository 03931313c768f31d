"""Keep the copy of each field's order and name on its procedures (the listing's sort key,
``ProcedurePage.field_order`` / ``field_name``) in step when an editor changes a field."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from congthongtin.core.models import Field

from .models import ProcedurePage
from .models.procedure import field_listing_copy


@receiver(post_save, sender=Field, dispatch_uid="procedures-field-order")
def field_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the procedures' rows come with their own copy
        return
    ProcedurePage.objects.filter(field=instance).update(**field_listing_copy(instance))


@receiver(pre_delete, sender=Field, dispatch_uid="procedures-field-deleted")
def field_deleted(sender, instance, **kwargs):
    # The procedures lose their field (SET_NULL) and go to the end of the listing.
    ProcedurePage.objects.filter(field=instance).update(**field_listing_copy(None))
