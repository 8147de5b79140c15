"""A person's name as Russian documents write it: split into its parts, in full, as surname
and initials, initials before the surname (a signature line). Pure functions: the
certificate, the public pages, the import and anonymisation all read names through here."""


def split_name(full_name: str) -> tuple[str, str, str] | None:
    parts = full_name.split()
    if len(parts) < 2:
        return None
    return parts[0], parts[1], " ".join(parts[2:])


def surname_and_initials(full_name: str) -> str:
    """«Иванова Анна Петровна» → «Иванова А. П.»: the name where the full one may not be shown
    (no consent to its dissemination, 152-ФЗ ст. 10.1)."""
    last, *others = full_name.split() or [""]
    initials = ["-".join(f"{piece[0]}." for piece in name.split("-") if piece) for name in others]
    return " ".join([last, *initials]).strip()


def initials_first(full_name: str) -> str:
    """«Соколова Марина Викторовна» → «М. В. Соколова», as a signature line prints it."""
    surname, *initials = surname_and_initials(full_name).split()
    return " ".join([*initials, surname]) if initials else full_name


def name_forms(last: str, first: str, middle: str) -> set[str]:
    """The ways a person's name is written: in full, first name first, surname and initials."""
    forms = set()
    if last and first:
        forms |= {
            " ".join(p for p in (last, first, middle) if p),
            " ".join(p for p in (first, middle, last) if p),
            f"{first} {last}",
            f"{last} {first}",
            f"{last} {first[0]}." + (f" {middle[0]}." if middle else ""),
            f"{last} {first[0]}." + (f"{middle[0]}." if middle else ""),
            f"{first[0]}." + (f" {middle[0]}." if middle else "") + f" {last}",
        }
    return {f for f in forms if len(f) > 3}
