import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from infrastructure import rules
from infrastructure.models import Agency, AgencyKind

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.tw")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def perms(self, create, extracted, **kwargs):
        self.save()
        for dotted in extracted or []:
            app_label, codename = dotted.split(".")
            self.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class AgencyFactory(factory.django.DjangoModelFactory):
    """An agency with a correct materialised path (computed after the id is known)."""

    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"測試機關{n}")
    kind = AgencyKind.GOVERNMENT
    parent = None

    @factory.post_generation
    def set_path(self, create, extracted, **kwargs):
        self.path = rules.child_path(self.parent.path if self.parent else "", self.pk)
        self.depth = self.path.count(rules.PATH_SEPARATOR) - 1
        self.save(update_fields=["path", "depth"])
