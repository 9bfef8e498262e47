"""What a patient does on the questionnaire, step by step, in any language."""


def fill_questionnaire(page, *, phone_number="+86 138 0013 8000", name="Wang Fang"):
    page.fill("#id_date_of_birth", "1986-03-15")
    page.check("#id_sex_0")  # female
    page.check("input[name=pregnancy][value=none]")
    page.check("input[name=health_history][value=none]")
    page.check("input[name=diagnosed][value=yes]")
    page.check("input[name=other_diagnoses][value=none]")
    page.check("input[name=hair_loss_causes][value=none]")
    page.select_option("#id_episode_month", "1")
    page.fill("#id_episode_year", "2024")
    page.check("input[name=aa_type][value=patchy]")
    page.check("input[name=spontaneous_regrowth][value=not_in_12]")
    page.check("input[name=regrowth_within_8_years][value=no]")
    page.check("input[name=treated_regrowth_6_months][value=no]")
    page.check("input[name=scalp_conditions][value=none]")
    page.check("input[name=shaves_head][value=no]")
    for view, value in (("top", "80"), ("back", "60"), ("left", "70"), ("right", "90")):
        page.fill(f"#id_loss_{view}", value)
    for question in ("eyebrow_loss", "eyelash_loss", "body_hair_loss"):
        page.check(f"input[name={question}][value=no]")
    page.select_option("#id_used_topical_minoxidil", "gt6m")
    page.fill("#id_full_name", name)
    page.fill("#id_phone", phone_number)
    page.check("#id_consent_health_data")
    page.check("#id_consent_contact")


def submit(page):
    page.click("#screening-form button[type=submit]")
    page.wait_for_load_state()


def fill_vitiligo_questionnaire(page, *, name="Wang Fang", phone_number="+86 138 0013 8000"):
    """Non-segmental vitiligo since June 2022, spreading; the face 1 hand unit at 75 %, the backs
    of the hands 1 at 90 %, the arms 2 at 50 %, the trunk 2 at 75 % (BSA 6 %, T-VASI 4.15)."""
    page.fill("#id_date_of_birth", "1986-03-15")
    page.check("#id_sex_0")  # female
    page.check("input[name=pregnancy][value=none]")
    page.check("input[name=diagnosed][value=yes]")
    page.check("input[name=vitiligo_type][value=non_segmental]")
    page.select_option("#id_started_month", "6")
    page.fill("#id_started_year", "2022")
    page.check("input[name=activity][value=spreading]")
    page.check("input[name=pigmented_facial_hair][value=yes]")
    for region, units, whiteness in (
        ("face", "1", "75"),
        ("hands", "1", "90"),
        ("arms", "2", "50"),
        ("trunk", "2", "75"),
    ):
        page.fill(f"#id_units_{region}", units)
        page.select_option(f"#id_whiteness_{region}", whiteness)
    page.select_option("#id_used_topical_calcineurin", "gt6m")
    page.fill("#id_full_name", name)
    page.fill("#id_phone", phone_number)
    page.check("#id_consent_health_data")
    page.check("#id_consent_contact")
