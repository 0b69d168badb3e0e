"""`manage.py seed_demo`: every app's demo, in the apps' order (community is the top-most app,
so the command lives here and each app below keeps its own `demo.py`)."""

import os

from django.core.management.base import BaseCommand
from django.db import transaction

from activities import demo as activities_demo
from agenda import demo as agenda_demo
from backbone import demo as backbone_demo
from backbone import demo_rounds as backbone_demo_rounds
from communication import demo as communication_demo
from community import demo as community_demo
from initiatives import demo_data, demo_map
from initiatives.models import Initiative, Membership, Organization, Participation, User
from initiatives.validators import israeli_check_digit_ok
from measurement import demo as measurement_demo
from sheatufim.translated import detect_language
from spheres import demo as spheres_demo
from spheres import demo_commitments as spheres_demo_commitments

DEFAULT_PASSWORD = "sheatufim-demo"


def with_check_digit(base: str) -> str:
    return next(base + d for d in "0123456789" if israeli_check_digit_ok(base + d))


class Command(BaseCommand):
    help = "Load the demo organizations, initiatives and one login per role (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        organizations = self._organizations()
        initiatives = self._initiatives(organizations)
        for email, full_name, memberships, superuser in demo_data.USERS:
            user = User.objects.filter(email=email).first() or User(email=email)
            user.full_name = full_name
            user.is_staff = user.is_superuser = superuser
            user.set_password(password)
            user.save()
            for slug, role, organization_key in memberships:
                Membership.objects.update_or_create(
                    user=user,
                    initiative=initiatives[slug],
                    defaults={
                        "role": role,
                        "organization": organizations.get(organization_key),
                    },
                )
        agenda_demo.load(initiatives=initiatives, organizations=organizations)
        measurement_demo.load(
            initiative=initiatives["5x2-stem-excellence"],
            organizations=organizations,
            reviewer=User.objects.get(email="backbone@example.org"),
        )
        measurement_demo.load_employment(
            initiative=initiatives["arab-sector-employment"],
            organizations=organizations,
            reviewer=User.objects.get(email="admin@example.org"),
        )
        measurement_demo.load_chapter(
            initiative=initiatives["5x2-negev"],
            organizations=organizations,
            reviewer=User.objects.get(email="backbone@example.org"),
        )
        activities_demo.load(initiatives=initiatives, organizations=organizations)
        # Before communication's: the people the spheres bring in (their CEOs, the seat in
        # 5X2) are members when its past events are recorded as emailed then.
        spheres_demo.load(initiatives=initiatives, organizations=organizations)
        spheres_demo_commitments.load(initiatives=initiatives, organizations=organizations)
        communication_demo.load(initiatives=initiatives, organizations=organizations)
        backbone_demo.load(
            initiative=initiatives.get("5x2-stem-excellence"),
            staff=User.objects.get(email="backbone@example.org"),
        )
        backbone_demo_rounds.load(
            initiative=initiatives.get("5x2-stem-excellence"),
            staff=User.objects.get(email="backbone@example.org"),
            organizations=organizations,
        )
        demo_map.load(initiatives=initiatives, organizations=organizations)
        community_demo.load(initiatives=initiatives, organizations=organizations)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Logins (password: {password}):"))
        for email, _name, memberships, superuser in demo_data.USERS:
            roles = ", ".join(f"{role} of {slug}" for slug, role, _org in memberships)
            self.stdout.write(f"  {email:28} {'superuser (admin)' if superuser else roles}")

    def _organizations(self) -> dict[str, Organization]:
        result = {}
        for key, name, sector, registration in demo_data.ORGANIZATIONS:
            result[key], _ = Organization.objects.update_or_create(
                name=name,
                defaults={
                    "sector": sector,
                    "registration_number": with_check_digit(registration) if registration else "",
                    "language": detect_language(name),
                    "translations": {"name": demo_data.ORGANIZATION_NAMES.get(key, {})},
                },
            )
        return result

    def _initiatives(self, organizations) -> dict[str, Initiative]:
        result = {}
        for spec in demo_data.INITIATIVES:
            fields = {k: v for k, v in spec.items() if k not in {"slug", "participants"}}
            fields["backbone"] = organizations.get(fields["backbone"])
            fields["parent"] = result.get(fields.get("parent"))  # listed before its children
            initiative, _ = Initiative.objects.update_or_create(slug=spec["slug"], defaults=fields)
            initiative.full_clean()
            for key, role in spec["participants"]:
                Participation.objects.update_or_create(
                    initiative=initiative,
                    organization=organizations[key],
                    left_on=None,
                    defaults={"role": role, "joined_on": spec["started_on"]},
                )
            result[spec["slug"]] = initiative
        return result
