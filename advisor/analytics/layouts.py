"""The exports people actually have, recognised by their column names (never positions).

Each layout says which column plays which role (customer, date, amount, order…), which status
values are not sales, and how rows relate to orders. A table of another shape is read through
column names people commonly use, or through a mapping the user gives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from advisor.i18n import N_

#: Roles a column can play. ``customer_alt`` is used when ``customer`` is blank or 0.
ROLES = ("customer", "date", "amount", "order")
REQUIRED_ROLES = ("customer", "date", "amount")
ROLE_TITLES = {
    "customer": N_("Customer"),
    "date": N_("Date"),
    "amount": N_("Amount"),
    "order": N_("Order number"),
}


class OrderAmount(StrEnum):
    """How an order's amount comes from its rows."""

    FIRST = "first"  # order-level total on the first row (Shopify) or repeated on each row
    ROW = "row"  # one row per order (payments, analytics downloads)
    AUTO = "auto"  # equal on every row: the order total; otherwise line amounts, summed


#: Reasons a row is not counted as a sale, with their titles.
REASONS = {
    "refunded": N_("refunded"),
    "failed": N_("failed payment"),
    "cancelled": N_("cancelled or voided"),
    "pending": N_("not paid yet"),
    "no_date": N_("no date"),
    "bad_date": N_("unreadable date"),
    "future_date": N_("date after today"),
    "old_date": N_("date before 1990"),
    "no_amount": N_("no amount"),
    "bad_amount": N_("unreadable amount"),
    "absurd_amount": N_("implausible amount (over a billion)"),
    "duplicate": N_("duplicate"),
    "refund": N_("refund (subtracted from revenue)"),
}


@dataclass(frozen=True)
class Layout:
    """One export format."""

    id: str
    title: str
    signature: frozenset[str]
    columns: Mapping[str, tuple[str, ...]]
    amount_rule: OrderAmount = OrderAmount.ROW
    statuses: Mapping[str, str] = field(default_factory=dict)
    warning: str | None = None


def normalise(name: str) -> str:
    """Header names compared without case, accents of spacing or ``_``/``-`` differences."""
    name = name.strip().lstrip("\ufeff").lower().replace("_", " ").replace("-", " ")
    return re.sub(r"\s+", " ", name)


#: Words that mean the same in a column name, French and English.
_SYNONYMS = {
    "no": "number", "num": "number", "numero": "number", "nr": "number", "nro": "number",
    "identifiant": "id", "ident": "id", "identifier": "id",
    "reference": "ref", "client": "customer", "commande": "order", "cde": "order",
    "courriel": "email", "mail": "email", "facture": "invoice",
}  # fmt: skip
#: Words that say nothing about a column's role: articles, and currencies ("Amount (EUR)").
_STOP_WORDS = frozenset(
    {"de", "du", "d", "la", "le", "l", "des", "the", "of", "a", "eur", "usd", "gbp", "chf", "cad"}
)


def header_key(name: str) -> frozenset[str]:
    """A column name as a person reads it: case, accents, punctuation, word order, plurals,
    ``n°``/``no``/``num``/``numéro``, and French or English words for the same thing do not
    matter (``N° client``, ``Client n°``, ``Numéro de client`` and ``customer_number`` are one
    key). Only equal keys match: ``Nombre de clients`` is not ``N° client``."""
    text = name.strip().lstrip("\ufeff").casefold().replace("_", " ")
    text = re.sub(r"\bn\s*[°º]", " number ", text).replace("#", " number ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\be[\s_.\-]*mail\b", "email", text)
    words = set()
    for word in re.findall(r"[a-z0-9]+", text):
        if word in _STOP_WORDS:
            continue
        if len(word) > 3 and word.endswith("s"):
            word = word[:-1]
        words.add(_SYNONYMS.get(word, word))
    return frozenset(words)


_WOO_STATUSES = {
    "refunded": "refunded",
    "failed": "failed",
    "cancelled": "cancelled",
    "pending": "pending",
    "pending payment": "pending",
    "draft": "pending",
    "checkout draft": "pending",
    "trash": "cancelled",
    "wc refunded": "refunded",
    "wc failed": "failed",
    "wc cancelled": "cancelled",
    "wc pending": "pending",
}

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "shopify",
        N_("Shopify orders export"),
        frozenset({"name", "email", "financial status", "created at", "total"}),
        {
            "order": ("name",),
            "customer": ("email",),
            "date": ("created at",),
            "amount": ("total",),
            "status": ("financial status",),
            "cancelled": ("cancelled at",),
            "refunded": ("refunded amount",),
        },
        OrderAmount.FIRST,
        {"voided": "cancelled", "refunded": "refunded", "pending": "pending"},
    ),
    Layout(
        "woocommerce-analytics",
        N_("WooCommerce Analytics › Orders"),
        frozenset({"date", "order #", "status", "customer", "net sales"}),
        {
            "order": ("order #",),
            "customer": ("customer",),
            "date": ("date",),
            "amount": ("net sales",),
            "status": ("status",),
        },
        OrderAmount.ROW,
        _WOO_STATUSES,
        N_(
            "This download names customers by display name only: two customers with the same "
            "name count as one. The order-export plugin's file (with e-mails) is more exact."
        ),
    ),
    Layout(
        "woocommerce-export",
        N_("WooCommerce order export"),
        frozenset({"order id", "order date", "order total"}),
        {
            "order": ("order id",),
            "customer": ("customer id",),
            "customer_alt": ("customer email",),
            "customer_alt2": ("billing email",),
            "date": ("order date",),
            "amount": ("order total",),
            "status": ("status", "order status"),
        },
        OrderAmount.FIRST,
        _WOO_STATUSES,
    ),
    Layout(
        "stripe",
        N_("Stripe payments export"),
        frozenset({"id", "created (utc)", "amount", "amount refunded", "status"}),
        {
            "order": ("id",),
            "customer": ("customer id",),
            "customer_alt": ("customer email",),
            "date": ("created (utc)",),
            "amount": ("amount",),
            "refunded": ("amount refunded",),
            "status": ("status",),
        },
        OrderAmount.ROW,
        {"failed": "failed", "refunded": "refunded", "canceled": "cancelled"},
    ),
    Layout(
        "square",
        N_("Square transactions"),
        frozenset({"date", "time", "gross sales", "net sales", "event type", "transaction id"}),
        {
            "order": ("transaction id",),
            "customer": ("customer id",),
            "date": ("date",),
            "amount": ("net sales",),
            "event": ("event type",),
        },
        OrderAmount.ROW,
    ),
    Layout(
        "prestashop",
        N_("PrestaShop orders (French)"),
        frozenset({"id", "référence", "client", "total", "état", "date"}),
        {
            "order": ("id",),
            "customer": ("client",),
            "date": ("date",),
            "amount": ("total",),
            "status": ("état",),
        },
        OrderAmount.ROW,
        {
            "annulé": "cancelled",
            "annulée": "cancelled",
            "remboursé": "refunded",
            "remboursement": "refunded",
            "erreur de paiement": "failed",
            "paiement refusé": "failed",
            "en attente du paiement par chèque": "pending",
            "en attente de virement bancaire": "pending",
            "en attente de paiement": "pending",
        },
        N_(
            "PrestaShop names customers like “J. Dupont”: different customers with the same "
            "initial and surname count as one."
        ),
    ),
)

#: Names people give columns in other tables, by role, most specific first (a number, code or
#: e-mail before a name; the order's date and the amount with taxes before a plain "date" or
#: "montant"), compared by :func:`header_key`: "N° client", "Client n°" and "Numéro de client"
#: are "customer number". A delivery date or an amount before tax is no candidate.
COMMON_NAMES: Mapping[str, tuple[str, ...]] = {
    "customer": (
        "customer id", "customer number", "customer code", "customer ref", "compte client",
        "customer email", "email", "email address", "adresse email", "billing email",
        "customer", "customer name", "nom client",
    ),
    "date": (
        "order date", "created at", "purchase date", "transaction date", "date de vente",
        "date achat", "date facture", "invoice date", "date ticket", "payment date",
        "date paiement", "date",
    ),
    "amount": (
        "order total", "amount", "montant ttc", "total ttc", "amount paid", "montant paye",
        "total paid", "total amount", "montant total", "grand total", "montant", "total",
        "net sales", "sales", "revenue", "chiffre d'affaires", "prix", "price",
    ),
    "order": (
        "order id", "order number", "order ref", "order", "invoice number", "invoice",
        "transaction id", "transaction number", "receipt", "receipt number", "ticket number",
        "ticket",
    ),
}  # fmt: skip

GENERIC = Layout(
    "table",
    N_("Table with customer, date and amount columns"),
    frozenset(),
    COMMON_NAMES,
    OrderAmount.AUTO,
    {
        "refunded": "refunded", "remboursé": "refunded", "failed": "failed",
        "cancelled": "cancelled", "canceled": "cancelled", "annulé": "cancelled",
        "voided": "cancelled",
    },
)  # fmt: skip


def recognise(headers: Iterable[str]) -> Layout:
    """The known export whose signature columns are all present, or the generic table."""
    names = {normalise(h) for h in headers}
    for layout in LAYOUTS:
        if layout.signature <= names:
            return layout
    return GENERIC


def _a_count(header: str) -> bool:
    """A one-word plural header ("Orders", "Commandes", "Tickets") counts orders in a
    customer table; it is not an order number."""
    words = re.findall(r"[^\W\d_]+", header.casefold())
    return len(words) == 1 and len(words[0]) > 3 and words[0].endswith("s")


def resolve_columns(
    layout: Layout, headers: list[str], mapping: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Role -> the header (as written in the file) that plays it, each role taking the first
    of its names found (by :func:`header_key`); a mapping wins, a column it names exactly
    first, else the one read the same way."""
    by_key: dict[frozenset[str], str] = {}
    for header in headers:
        by_key.setdefault(header_key(header), header)
    resolved: dict[str, str] = {}
    for role, candidates in layout.columns.items():
        for candidate in candidates:
            found = by_key.get(header_key(candidate))
            if found is None or found in resolved.values():
                continue
            if role == "order" and _a_count(found):
                continue
            resolved[role] = found
            break
    for role, column in (mapping or {}).items():
        resolved[role] = column if column in headers else by_key.get(header_key(column), column)
    return resolved
