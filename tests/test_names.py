"""lib.metrics.names: the one display-name function of pages, alerts, the brief and the pack (hand-written expectations)."""
from __future__ import annotations

import pandas as pd

from lib.metrics import names


def test_channel_codes_are_written_as_the_marketplaces_write_them():
    assert names.display("channel", "amazon") == "Amazon"
    assert names.display("channels", "ebay") == "eBay"  # a filter key is the same dimension
    assert names.display("channel", "tiktok") == "TikTok Shop"
    assert names.display("channel", "my_shop") == "My shop"  # a channel we do not know: capitals, no underscore


def test_names_written_for_people_and_skus_stay_as_they_are():
    assert names.display("warehouse", "WH-East") == "WH-East"
    assert names.display("carrier", "DHL eCommerce") == "DHL eCommerce"
    assert names.display("warehouse", "wh_east") == "Wh east"
    assert names.display("sku", "tr_42_blk") == "tr_42_blk"
    assert names.display("primary_sku", "ab-1") == "ab-1"
    assert names.display("category", "amazon") == "Amazon"  # a lower-case code of another dimension: capitals


def test_formats_by_the_name_of_their_report():
    assert names.display("format", "walmart_orders") == "Walmart Seller Center order report"
    assert names.display("source", "Amazon Seller Central Help") == "Amazon Seller Central Help"  # not a format
    out = names.display_frame(pd.DataFrame({"format": ["opsdesk_shipments"], "source": ["ebay_orders"]}))
    assert out.iloc[0].tolist() == ["Opsdesk shipments template", "eBay Seller Hub orders report"]


def test_missing_values_are_a_dash_never_none_or_nan():
    assert [names.display("channel", v) for v in (None, pd.NA, float("nan"))] == ["–", "–", "–"]


def test_statuses_and_titles():
    assert [names.display("status", s) for s in ("ok", "breach", "no threshold", "loaded")] == \
        ["Met", "Breach", "No threshold", "Loaded"]
    assert [names.title(d) for d in ("sku", "reason_group", "channels", "primary_category")] == \
        ["SKU", "Reason", "Channel", "Category"]
    assert names.slice_label("channel", "walmart") == "channel Walmart"
    assert names.platform("shipstation") == "ShipStation" and names.platform("opsdesk") == "Opsdesk templates"


def test_a_frame_gets_display_names_in_its_dimension_columns_only():
    df = pd.DataFrame({"channel": ["amazon", None], "sku": ["ab_1", "cd_2"], "note": ["amazon", "x"],
                       "dimension": ["channel", "carrier"], "slice": ["ebay", "usps_ground"]})
    before = df.copy()
    out = names.display_frame(df)
    assert out["channel"].tolist() == ["Amazon", "–"]
    assert out["sku"].tolist() == ["ab_1", "cd_2"] and out["note"].tolist() == ["amazon", "x"]
    assert out["slice"].tolist() == ["eBay", "Usps ground"]  # each row by its own dimension
    pd.testing.assert_frame_equal(df, before)  # the argument is not changed


def test_scope_and_sentences_of_older_pins():
    assert names.scope_text({"channels": ["amazon", "ebay"], "carriers": ["UPS"], "warehouses": []}) == \
        "channels: Amazon, eBay; carriers: UPS"
    assert names.scope_text({}) == "all channels, warehouses, carriers and categories"
    old = "amazon: late shipment rate 6.7 %. The largest contribution came from channel walmart (+1.0 pts)."
    assert names.humanise(old) == ("Amazon: late shipment rate 6.7 %. The largest contribution came from channel "
                                   "Walmart (+1.0 pts).")
    assert names.humanise("from warehouse wh_east", [("warehouse", "wh_east")]) == "from warehouse Wh east"
    assert names.humanise("channel amazonia and channel amazon-eu") == "channel amazonia and channel amazon-eu"


def test_countries_by_name():
    from lib.metrics import names
    assert names.display("destination_country", "US") == "United States"
    assert names.display("ship_to_country", "de") == "Germany" and names.display("country", "GB") == "United Kingdom"
    assert names.display("destination_country", "Unknown") == "Unknown"  # not a code: as written
    f = names.display_frame(__import__("pandas").DataFrame({"destination_country": ["CA", None]}))
    assert f["destination_country"].tolist() == ["Canada", "–"]


def test_a_count_takes_its_noun_in_the_right_number():
    from lib.metrics.names import counted
    assert counted(1, "row") == "1 row" and counted(0, "row") == "0 rows" and counted(2480, "row") == "2,480 rows"
    assert counted(3, "SKU") == "3 SKUs" and counted(2, "box", "boxes") == "2 boxes"
