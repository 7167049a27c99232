"""The landed-cost calculator of the Profitability page: one unit's landed cost (customs value, duty, import VAT)
and its margin at a price, under US (FOB, no VAT) or EU (CIF, import VAT or IOSS) rules.  A pure function: no data."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LandedCost:
    customs_value: float
    duty_amount: float
    import_vat_amount: float  # paid at the border and not recovered: part of the landed cost
    landed_cost: float
    price: float | None
    vat_in_price: float  # VAT inside the price that goes to the tax authority (IOSS, or a VAT-inclusive price)
    net_price: float | None
    margin: float | None
    margin_rate: float | None


def landed_cost(purchase_cost: float, freight_per_unit: float = 0.0, duty_rate: float = 0.0, other_per_unit: float = 0.0,
                price: float | None = None, *, vat_rate: float = 0.0, vat_mode: str = "none",
                customs_basis: str = "FOB", vat_recoverable: bool = False) -> LandedCost:
    """Landed cost of one unit and its margin at a price (pure function).

    * customs value = purchase cost (FOB, US practice, as `dim_product_costs`) or purchase cost + freight (CIF, EU);
      duty = duty rate × customs value; landed cost = purchase + freight + duty + other (+ import VAT when paid and not
      recovered).
    * vat_mode "none": no VAT (US: sales tax is charged on top of the price and is not revenue).
      "import": the seller imports under DDP and pays import VAT = rate × (CIF value + duty) at the border — a cost
      unless `vat_recoverable`; the price is VAT-inclusive (the output VAT inside it is not revenue).
      "ioss": EU consignments ≤ €150 sold to consumers: VAT is charged at checkout and remitted through IOSS, nothing
      is paid at the border; the price is VAT-inclusive.
    * margin = price net of VAT − landed cost (before fees and fulfillment: see `sku_channel` for the full stack).
    """
    if vat_mode not in ("none", "import", "ioss"):
        raise ValueError("vat_mode must be none, import or ioss")
    if customs_basis not in ("FOB", "CIF"):
        raise ValueError("customs_basis must be FOB or CIF")
    if min(purchase_cost, freight_per_unit, duty_rate, other_per_unit, vat_rate) < 0:
        raise ValueError("costs and rates must not be negative")
    customs = purchase_cost + (freight_per_unit if customs_basis == "CIF" else 0.0)
    duty = duty_rate * customs
    import_vat = vat_rate * (purchase_cost + freight_per_unit + duty) if vat_mode == "import" else 0.0
    landed = purchase_cost + freight_per_unit + duty + other_per_unit + (0.0 if vat_recoverable else import_vat)
    if price is None:
        return LandedCost(customs, duty, import_vat, landed, None, 0.0, None, None, None)
    vat_in_price = price - price / (1 + vat_rate) if vat_mode in ("import", "ioss") else 0.0
    net_price = price - vat_in_price
    margin = net_price - landed
    return LandedCost(customs, duty, import_vat, landed, price, vat_in_price, net_price, margin,
                      margin / net_price if net_price else None)
