"""The school pages (Leerling, Groep, Medewerker, School): what each role sees, and nothing more."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from koppel.las.accounts import services as accounts
from koppel.las.accounts.models import MEDEWERKER
from koppel.las.school.models import (
    Groep,
    Leerkracht,
    Leerling,
    SamengesteldeGroep,
    School,
    Vestiging,
)
from koppel.uwlr import messages as m
from tests.las.helpers import SCHOOLJAAR, Gekoppeld, Post

pytestmark = pytest.mark.django_db


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _eigen(leerkracht: Leerkracht) -> set[int]:
    """The pks of the pupils in a teacher's stamgroepen and samengestelde groepen."""
    in_groep = Leerling.objects.filter(groep__leerkrachten=leerkracht)
    in_sg = Leerling.objects.filter(samengestelde_groepen__leerkrachten=leerkracht)
    return set(in_groep.values_list("pk", flat=True)) | set(in_sg.values_list("pk", flat=True))


# --- Leerling -----------------------------------------------------------------------------------


def test_the_pupil_list_shows_25_per_page_with_the_range_in_the_heading(
    beheerder_client: Client,
) -> None:
    assert "Leerlingen - 1 t/m 25 (van 60)" in _html(beheerder_client, "/leerling/")
    assert "Leerlingen - 51 t/m 60 (van 60)" in _html(beheerder_client, "/leerling/?pagina=3")
    assert "Leerlingen - 51 t/m 60 (van 60)" in _html(beheerder_client, "/leerling/?pagina=99")


def test_searching_finds_a_pupil_by_name_or_leerlingnummer(beheerder_client: Client) -> None:
    leerling = Leerling.objects.order_by("pk").last()
    for zoek in (f"{leerling.roepnaam} {leerling.achternaam}", leerling.key):
        html = _html(beheerder_client, f"/leerling/?zoek={zoek}")
        assert f'href="/leerling/{leerling.pk}/"' in html
    assert "(van 0)" in _html(beheerder_client, "/leerling/?zoek=Zzyzx")


def test_the_list_filters_by_groep_samengestelde_groep_and_jaargroep(
    beheerder_client: Client, school: School
) -> None:
    groep = Groep.objects.filter(school=school).first()
    aantal = groep.leerlingen.count()
    assert f"(van {aantal})" in _html(beheerder_client, f"/leerling/?groep=g{groep.pk}")
    sg = SamengesteldeGroep.objects.filter(school=school).first()
    assert f"(van {sg.leerlingen.count()})" in _html(beheerder_client, f"/leerling/?groep=s{sg.pk}")
    jaargroep = Leerling.objects.first().jaargroep
    in_jaargroep = Leerling.objects.filter(jaargroep=jaargroep).count()
    assert f"(van {in_jaargroep})" in _html(beheerder_client, f"/leerling/?jaargroep={jaargroep}")


def test_an_unknown_filter_value_is_shown_as_an_error_and_ignored(
    beheerder_client: Client, andere_school: School
) -> None:
    vreemde = Groep.objects.filter(school=andere_school).first()
    html = _html(beheerder_client, f"/leerling/?groep=g{vreemde.pk}")
    assert "(van 60)" in html
    assert "Selecteer een geldige keuze" in html


def test_filters_stay_in_the_page_links(beheerder_client: Client) -> None:
    html = _html(beheerder_client, "/leerling/?status=alle")
    assert 'href="?status=alle&amp;pagina=2"' in html


def test_a_pupil_who_left_is_listed_only_under_uitgeschreven(beheerder_client: Client) -> None:
    leerling = Leerling.objects.first()
    Leerling.objects.filter(pk=leerling.pk).update(uitschrijvingsdatum=timezone.localdate())
    link = f'href="/leerling/{leerling.pk}/"'
    assert "(van 59)" in _html(beheerder_client, "/leerling/")
    uitgeschreven = _html(beheerder_client, "/leerling/?status=uitgeschreven")
    assert "(van 1)" in uitgeschreven and link in uitgeschreven
    assert "(van 60)" in _html(beheerder_client, "/leerling/?status=alle")


def test_the_pupil_page_shows_the_personal_data(beheerder_client: Client) -> None:
    leerling = Leerling.objects.filter(samengestelde_groepen__isnull=False).first()
    html = _html(beheerder_client, f"/leerling/{leerling.pk}/")
    for waarde in (
        leerling.achternaam,
        leerling.roepnaam,
        leerling.voorletters,
        leerling.key,
        leerling.geboortedatum.strftime("%d-%m-%Y"),
        leerling.inschrijvingsdatum.strftime("%d-%m-%Y"),
        leerling.get_geslacht_display(),
        leerling.get_jaargroep_display(),
        leerling.groep.naam,
        leerling.samengestelde_groepen.first().naam,
    ):
        assert waarde in html
    assert "Andere groep" in html and "Uitschrijven" in html
    assert "nog geen resultaten" in html


TOETS = m.Toets(
    toetscode=m.VocabulaireWaarde(waarde="REK-M4"),
    toetsnaam="Rekenen midden groep 4",
    toetsnormering=m.Normering(
        normen=(
            m.Norm(
                term="Onvoldoende",
                beginnormwaarde=0,
                eindnormwaarde=19,
                normkleur=m.Normkleur(
                    rood_code=230, groen_code=20, blauw_code=20, transparantie=Decimal("1.00")
                ),
            ),
            m.Norm(
                term="Voldoende",
                beginnormwaarde=20,
                eindnormwaarde=40,
                normkleur=m.Normkleur(
                    rood_code=30, groen_code=170, blauw_code=60, transparantie=Decimal("1.00")
                ),
            ),
        )
    ),
    toetsonderdelen=(
        m.Toetsonderdeel(
            toetsonderdeelvolgnummer=1,
            toetsonderdeelcode=m.VocabulaireWaarde(waarde="REK-M4-GB"),
            toetsonderdeelnaam="Getallen en bewerkingen",
        ),
    ),
)


def _resultaten(leerling: Leerling) -> m.LeerresultatenVerzoek:
    def resultaat(key: str, dag: dt.date, score: int, onderdeel: str | None) -> m.Resultaat:
        return m.Resultaat(
            key=key,
            afnamedatum=dag,
            toetscode="REK-M4",
            toetsonderdeelcode=onderdeel,
            uitslag=m.Score(waarde=score),
        )

    afname = m.Toetsafname(
        leerlingid=leerling.key,
        resultaten=(
            resultaat("R-1", dt.date(2026, 9, 14), 17, None),
            resultaat("R-2", dt.date(2026, 11, 2), 34, None),
            resultaat("R-3", dt.date(2026, 11, 2), 12, "REK-M4-GB"),
        ),
    )
    school = m.ResultaatSchool(
        schooljaar=SCHOOLJAAR, brincode="99XX", aanmaakdatum=timezone.now(), xsdversie="2.2"
    )
    return m.LeerresultatenVerzoek(school=school, toetsafnames=(afname,), toetsen=(TOETS,))


def test_the_pupil_page_shows_received_results_with_a_chart_in_the_norm_colours(
    beheerder_client: Client, post: Post, gekoppeld: Gekoppeld
) -> None:
    leerling = Leerling.objects.first()
    antwoord = post(_resultaten(leerling), gekoppeld.autorisatie(), path="/uwlr/leerresultaten")
    assert antwoord.status == 200
    html = _html(beheerder_client, f"/leerling/{leerling.pk}/")
    rij = (
        "<td>02-11-2026</td><td>Rekenen midden groep 4</td><td></td>"
        "<td>34 (Voldoende)</td><td>Boom testcentrum</td>"
    )
    assert rij in html
    assert "<td>Getallen en bewerkingen</td><td>12 (Onvoldoende)</td>" in html
    assert "<td>17 (Onvoldoende)</td>" in html
    assert html.count('role="img"') == 2  # the test, and the toetsonderdeel on its own
    assert 'fill="#e61414"' in html and 'fill="#1eaa3c"' in html
    assert "<title>Scores van Rekenen midden groep 4 in de tijd" in html
    assert "Onvoldoende</li>" in html and "Voldoende</li>" in html
    assert " style=" not in html


# --- Groep, Medewerker, School ------------------------------------------------------------------


def test_the_groepen_page_lists_groepen_and_samengestelde_groepen(
    beheerder_client: Client, school: School
) -> None:
    html = _html(beheerder_client, "/groep/")
    assert "Groepen - 1 t/m 4 (van 4)" in html
    for groep in Groep.objects.filter(school=school):
        assert f'href="/groep/{groep.pk}/">{groep.naam}</a>' in html
    for sg in SamengesteldeGroep.objects.filter(school=school):
        assert f'href="/groep/samengesteld/{sg.pk}/">{sg.naam}</a>' in html


def test_a_groep_page_shows_its_pupils_and_teachers(
    beheerder_client: Client, school: School
) -> None:
    groep = Groep.objects.filter(school=school).first()
    html = _html(beheerder_client, f"/groep/{groep.pk}/")
    assert f"Leerlingen ({groep.leerlingen.count()})" in html
    for leerling in groep.leerlingen.all():
        assert f'href="/leerling/{leerling.pk}/"' in html
    for leerkracht in groep.leerkrachten.all():
        assert f'href="/medewerker/{leerkracht.pk}/">{leerkracht}</a>' in html
    sg = SamengesteldeGroep.objects.filter(school=school).first()
    html = _html(beheerder_client, f"/groep/samengesteld/{sg.pk}/")
    assert f"Samengestelde groep {sg.naam}" in html
    assert f"Leerlingen ({sg.leerlingen.count()})" in html


def test_the_medewerker_pages_show_naam_emailadres_rol_and_groepen(
    beheerder_client: Client, leerkracht: Leerkracht
) -> None:
    lijst = _html(beheerder_client, "/medewerker/")
    assert "Medewerkers - 1 t/m 8 (van 8)" in lijst
    assert f'href="/medewerker/{leerkracht.pk}/">{leerkracht}</a>' in lijst
    html = _html(beheerder_client, f"/medewerker/{leerkracht.pk}/")
    assert leerkracht.emailadres in html and "Leerkracht" in html
    for groep in leerkracht.groepen.all():
        assert f'href="/groep/{groep.pk}/">{groep.naam}</a>' in html
    assert "Groepen wijzigen" in html


def test_the_school_page_shows_naam_brin_dependancecode_schooljaar_and_vestigingen(
    beheerder_client: Client, school: School
) -> None:
    Vestiging.objects.create(school=school, key="V-1", naam="Dependance Noord")
    html = _html(beheerder_client, "/school/")
    for waarde in (school.naam, "99XX", "<td>00</td>", SCHOOLJAAR, "Dependance Noord"):
        assert waarde in html


@pytest.mark.parametrize("url", ["/leerling/", "/groep/", "/medewerker/", "/school/"])
def test_school_pages_need_no_inline_styles_or_scripts(beheerder_client: Client, url: str) -> None:
    html = _html(beheerder_client, url)
    assert " style=" not in html and "<script>" not in html and " onclick=" not in html


# --- what a medewerker sees ---------------------------------------------------------------------


def test_a_medewerker_sees_only_the_pupils_of_the_own_groups(
    medewerker_client: Client, leerkracht: Leerkracht
) -> None:
    eigen = _eigen(leerkracht)
    html = _html(medewerker_client, "/leerling/")
    assert f"(van {len(eigen)})" in html
    assert "Leerling toevoegen" not in html
    vreemde = Leerling.objects.exclude(pk__in=eigen).first()
    assert medewerker_client.get(f"/leerling/{vreemde.pk}/").status_code == 404
    eigen_leerling = _html(medewerker_client, f"/leerling/{min(eigen)}/")
    assert "Andere groep" not in eigen_leerling and "Uitschrijven" not in eigen_leerling


def test_a_pupil_in_a_samengestelde_groep_of_the_teacher_is_visible(
    medewerker_client: Client, leerkracht: Leerkracht
) -> None:
    sg = leerkracht.samengestelde_groepen.first()
    ander = Leerling.objects.exclude(pk__in=_eigen(leerkracht)).first()
    assert medewerker_client.get(f"/leerling/{ander.pk}/").status_code == 404
    ander.samengestelde_groepen.add(sg)
    assert medewerker_client.get(f"/leerling/{ander.pk}/").status_code == 200


def test_a_medewerker_sees_only_the_own_groepen(
    medewerker_client: Client, leerkracht: Leerkracht, school: School
) -> None:
    html = _html(medewerker_client, "/groep/")
    eigen = list(leerkracht.groepen.all())
    assert f"(van {len(eigen)})" in html
    vreemde = Groep.objects.filter(school=school).exclude(leerkrachten=leerkracht).first()
    assert f'href="/groep/{vreemde.pk}/"' not in html
    assert medewerker_client.get(f"/groep/{vreemde.pk}/").status_code == 404
    assert medewerker_client.get(f"/groep/{eigen[0].pk}/").status_code == 200
    vreemde_sg = SamengesteldeGroep.objects.exclude(leerkrachten=leerkracht).first()
    assert medewerker_client.get(f"/groep/samengesteld/{vreemde_sg.pk}/").status_code == 404


def test_a_medewerker_sees_colleagues_without_the_edit_button(
    medewerker_client: Client, leerkracht: Leerkracht
) -> None:
    html = _html(medewerker_client, f"/medewerker/{leerkracht.pk}/")
    assert leerkracht.emailadres in html
    assert "Groepen wijzigen" not in html


def test_a_medewerker_without_a_linked_leerkracht_sees_no_pupils(school: School) -> None:
    user = accounts.create_user("stagiair", wachtwoord=None, naam="Sam Stage")
    accounts.grant_school(user, school, rol=MEDEWERKER)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert "Leerlingen - 0 t/m 0 (van 0)" in _html(client, "/leerling/")
    assert "Groepen - 0 t/m 0 (van 0)" in _html(client, "/groep/")
    assert client.get(f"/leerling/{Leerling.objects.first().pk}/").status_code == 404


# --- another school -----------------------------------------------------------------------------


def test_a_beheerder_of_another_school_finds_nothing_of_this_school(
    ander_client: Client, school: School, beheerder: User
) -> None:
    leerling = Leerling.objects.filter(school=school).first()
    groep = Groep.objects.filter(school=school).first()
    sg = SamengesteldeGroep.objects.filter(school=school).first()
    leerkracht = Leerkracht.objects.filter(school=school).first()
    for url in (
        f"/leerling/{leerling.pk}/",
        f"/groep/{groep.pk}/",
        f"/groep/samengesteld/{sg.pk}/",
        f"/medewerker/{leerkracht.pk}/",
    ):
        assert ander_client.get(url).status_code == 404, url
    html = _html(ander_client, "/leerling/")
    assert "(van 20)" in html and f'href="/leerling/{leerling.pk}/"' not in html
