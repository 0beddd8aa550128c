"""The column vocabulary of plans and registers in spreadsheets, English and French.

A header is *normalised* (lower case, no accents, single spaces, no trailing ``:``,
``*`` or ``?``, and tried again without a parenthesised remark such as ``(1-5)``) and
looked up in `ALIASES`, which names the *field* the column holds. Fields are the same
words for every register; `pmo.sources.tabular.reader` decides what a field means for each
kind (``due`` is the finish of a task, the date of a decision...). A column map
(``--map "Porteur=owner,Date cible=due"``) names the field of any other column; the
field ``ignore`` silences a column.

`register_kind` recognises a sheet from its name first, then from its fields.
"""

from __future__ import annotations

import re

from pmo.sources.dates import fold

KINDS = ("tasks", "actions", "raid", "risks", "issues", "decisions", "assumptions", "people", "changes")

# fmt: off
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "ref", "reference", "#", "no", "n", "n°", "num", "numero", "key", "cle", "id #", "item id",
           "action id", "risk id", "issue id", "task id", "decision id", "ccr id", "cr id", "unique id",
           "identifiant", "ref.", "raid id", "issue key"),
    "type": ("type", "category", "categorie", "raid type", "kind", "nature", "item type", "raid category"),
    "title": ("title", "titre", "description", "action", "risk", "risque", "issue", "probleme", "decision",
              "assumption", "hypothese", "subject", "sujet", "summary", "resume", "item", "libelle",
              "intitule", "name", "nom", "task", "tache", "task name", "nom de la tache", "activity",
              "activite", "milestone", "milestones", "jalon", "jalons", "deliverable", "livrable",
              "action item", "risk description", "issue description", "description / impact",
              "description de l'action", "description du risque", "full name", "nom complet",
              "point", "sujet / action", "change", "change request"),
    "owner": ("owner", "responsable", "porteur", "assignee", "assigned to", "attribue a", "action owner",
              "risk owner", "issue owner", "author / owner", "pilote", "qui", "who", "resource names",
              "resources", "ressource", "ressources", "responsible", "assigne a", "acteur", "en charge"),
    "due": ("due", "due date", "echeance", "date limite", "date d'echeance", "target date", "date cible",
            "by", "when", "quand", "current planned due date", "planned submission date", "deadline",
            "date butoir", "date prevue", "target", "pour le", "due by", "date due"),
    "start": ("start", "start date", "debut", "date de debut", "date debut", "begin", "planned start",
              "debut prevu"),
    "finish": ("finish", "end", "end date", "fin", "date de fin", "date fin", "finish date", "planned finish",
               "planned end", "fin prevue"),
    "percent": ("% complete", "percent complete", "% achevé", "% acheve", "progress", "avancement",
                "% avancement", "% done", "% complet", "pourcentage", "% realise", "completion"),
    "predecessors": ("predecessors", "predecesseurs", "depends on", "depend de", "predecessor",
                     "predecesseur", "antecedents"),
    "duration": ("duration", "duree", "days", "jours", "duration (days)", "duree (jours)"),
    "probability": ("probability", "probabilite", "likelihood", "vraisemblance", "proba", "p",
                    "occurrence"),
    "impact": ("impact", "severity", "gravite", "severite", "i", "consequence"),
    "mitigation": ("mitigation", "plan d'action", "mitigation plan", "mitigation plan / next steps",
                   "response", "reponse", "contre-mesure", "contre-mesures", "actions de mitigation",
                   "next steps", "mitigation / next steps", "mesures", "plan de mitigation",
                   "response plan", "treatment", "traitement", "contingency"),
    "raised": ("raised", "date raised", "date identified", "identified", "opened", "open date",
               "date d'ouverture", "created", "date de creation", "creation", "date ouverture",
               "date identifiee", "date rasied", "raised on", "logged", "date logged", "ouvert le"),
    "closed": ("closed", "closed date", "date closed", "complete date", "completed", "completion date",
               "date de cloture", "cloture", "resolved", "date de fermeture", "closed on",
               "date closed/resolved",
               "ferme le", "clos le"),
    "status": ("status", "statut", "etat", "state", "current status", "etat d'avancement", "approval status"),
    "priority": ("priority", "priorite"),
    "notes": ("notes", "note", "comments", "comment", "commentaire", "commentaires", "remarks", "remarques",
              "observations", "details", "detail"),
    "resolution": ("resolution", "solution", "resolution / next steps"),
    "email": ("email", "e-mail", "mail", "courriel", "adresse e-mail", "email address", "adresse mail"),
    "first_name": ("first name", "prenom", "given name", "firstname"),
    "last_name": ("last name", "nom de famille", "surname", "family name", "lastname"),
    "role": ("role", "fonction", "poste", "job title", "position"),
    "team": ("team", "equipe", "organisation", "organization", "company", "societe", "entreprise",
             "department", "service", "direction", "customer / model n"),
    "contact_for": ("contact for", "point of contact for", "poc for", "interlocuteur pour", "contact pour",
                    "ansprechpartner fur"),
    "cadence": ("cadence", "meet every", "frequency", "frequence", "rhythmus", "contact every",
                "contact cadence", "rythme", "haufigkeit"),
    "wbs": ("wbs", "outline number", "edt", "numero hierarchique"),
    "parent": ("parent", "summary task", "tache recapitulative", "parent id"),
    "baseline_start": ("baseline start", "original start", "debut de reference", "debut planifie initial"),
    "baseline_finish": ("baseline finish", "baseline end", "original due date", "fin de reference",
                        "original finish", "original end", "date initiale", "echeance initiale"),
    "actual_start": ("actual start", "debut reel", "date de debut reelle"),
    "actual_finish": ("actual finish", "fin reelle", "actual submittal", "actual completion",
                      "date de fin reelle", "actual end", "actual date"),
    "decided_by": ("decided by", "decideur", "decision maker", "approved by", "decision owner", "approver",
                   "valide par", "decide par"),
    "date": ("decision date", "date de decision", "date", "approval date"),
    "rationale": ("rationale", "justification", "reason", "raison", "motif", "why"),
    "validate_by": ("validate by", "validation date", "a valider le", "date de validation"),
    "validated": ("validated", "valide ?", "validee", "confirmed", "confirme"),
    "milestone": ("is milestone", "milestone?", "jalon ?", "est un jalon", "milestone flag"),
    "optional": ("optional?", "optionnel", "optionnelle", "nice to have"),
    "origin": ("origin", "origine", "source", "meeting", "reunion"),
}
# fmt: on

FIELDS = frozenset({*_ALIASES, "ignore"})
# Fields of form exports (`pmo.sources.forms`): a map may name them in the same `--map`;
# the spreadsheet reader leaves them to the forms reader.
FORM_FIELDS = frozenset({"timestamp", "person", "stress", "confidence", "workload", "blockers", "constraints",
                         "comment"})


def normalise(header: object) -> str:
    """A header as `ALIASES` keys are written."""
    text = fold(str(header or ""))
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    return text.rstrip(":*?").strip()


ALIASES: dict[str, str] = {normalise(alias): name for name, aliases in _ALIASES.items() for alias in aliases}
ALIASES.update({name: name for name in _ALIASES})  # the field names themselves


def field_of(header: object, column_map: dict[str, str]) -> str | None:
    """The field a column holds: the column map first, then the vocabulary, else None."""
    key = normalise(header)
    if not key:
        return None
    if key in column_map:
        return column_map[key]
    if key in ALIASES:
        return ALIASES[key]
    bare = normalise(re.sub(r"\([^)]*\)", " ", key))
    return ALIASES.get(bare) if bare else None


def parse_map(text: str) -> dict[str, str]:
    """``"Porteur=owner,Date cible=due"`` -> normalised header -> field; ValueError names a bad field."""
    column_map: dict[str, str] = {}
    for part in re.split(r"[,;\n]", text or ""):
        if not part.strip():
            continue
        header, sep, target = part.rpartition("=")
        if not sep or not header.strip():
            raise ValueError(f"column map entry {part.strip()!r}: write 'Column header=field'")
        name = target.strip().lower().replace(" ", "_")
        if name in FORM_FIELDS - FIELDS:
            continue
        if name not in FIELDS:
            raise ValueError(
                f"column map {header.strip()!r}={target.strip()!r}: unknown field {target.strip()!r}"
                f" (fields: {', '.join(sorted(FIELDS | FORM_FIELDS))})"
            )
        column_map[normalise(header)] = name
    return column_map


# Sheet-name words, checked in this order (an "action plan" is actions, not a plan).
# fmt: off
_SHEET_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("raid", ("raid",)),
    ("actions", ("action",)),
    ("risks", ("risk", "risque")),
    ("issues", ("issue", "probleme", "incident")),
    ("decisions", ("decision",)),
    ("assumptions", ("assumption", "hypothes")),
    ("changes", ("ccr", "change request", "change log", "demande de changement", "changes")),
    ("people", ("contact", "people", "team", "equipe", "annuaire", "personnes", "directory", "stakeholder")),
    ("tasks", ("task", "tache", "plan", "schedule", "wbs", "milestone", "jalon", "deliverable", "livrable",
               "delv", "gantt", "echeancier")),
)
# fmt: on


def kind_from_name(name: str) -> str | None:
    """The register a sheet (or CSV file) name says it holds, if any."""
    text = fold(name).replace("_", " ").replace("-", " ")
    for kind, words in _SHEET_WORDS:
        if any(re.search(rf"(?<![a-z]){re.escape(word)}", text) for word in words):
            return kind
    return None


def kind_from_fields(fields: set[str]) -> str | None:
    """The register a set of column fields suggests, if any."""
    if "title" not in fields and not {"first_name", "last_name"} & fields:
        return None
    if "type" in fields:
        return "raid"
    if {"probability", "impact", "mitigation"} & fields:
        return "risks"
    if {"start", "finish", "percent", "predecessors", "duration", "wbs"} & fields:
        return "tasks"
    if {"email", "first_name", "last_name", "contact_for", "cadence"} & fields:
        return "people"
    if "decided_by" in fields or "rationale" in fields:
        return "decisions"
    if "owner" in fields and "due" in fields:
        return "actions"
    return None


def sheet_flags(name: str) -> tuple[bool, bool]:
    """(milestone, deliverable): whether a plan sheet lists milestones or deliverables."""
    text = fold(name)
    return (
        any(word in text for word in ("milestone", "jalon")),
        any(word in text for word in ("deliverable", "livrable", "delv")),
    )
