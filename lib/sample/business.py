"""The sample business as data: its channels, warehouses, carriers, catalog families, suppliers, seasons,
regions, names, return reasons and the other tables the simulator draws from.
"""
from __future__ import annotations


# ---------------------------------------------------------------- the business

BRAND = "Acme Outfitters"
SELLER_ID = "acme_outfitters"
CHANNELS = ("shopify", "amazon", "walmart", "ebay")
SHOPIFY, AMAZON, WALMART, EBAY = range(4)
CHANNEL_SHARE = (0.45, 0.35, 0.12, 0.08)
FBA_SHARE = 0.60
WAREHOUSES = ("WH-East", "WH-West", "3PL-Central")
EAST, WEST, TPL = range(3)
WH_COORD = ((40.52, -74.41), (39.53, -119.81), (39.10, -94.58))
TPL_PROVIDER = "Heartland Fulfillment Co"
CARRIERS = ("UPS", "FedEx", "USPS", "DHL eCommerce")
UPS, FEDEX, USPS, DHL = range(4)
DIM_DIVISOR = 139
INVENTORY_WEEKS = 13
SETTLEMENT_PERIODS = 26  # biweekly settlements kept (the last year)
REPORT_DAYS = 364  # Amazon Fulfilled Shipments: the last year
SAMPLE_DAYS = 730  # the order reports cover two years ending on `end_date`
REALISTIC_ORDERS_PER_WEEK = 1500  # the scale `python -m lib seed` (and so `make run`) loads
CATEGORIES = ("Apparel", "Footwear", "Home", "Outdoor", "Accessories")

_SHOE = (("7", "8", "9", "10", "11", "12"), (.10, .17, .23, .23, .17, .10))
_APP = (("S", "M", "L", "XL"), (.20, .33, .30, .17))
_APPX = (("XS", "S", "M", "L"), (.15, .30, .33, .22))
_WAIST = (("30", "32", "34", "36"), (.20, .30, .30, .20))
_BELT = (("30", "32", "34", "36", "38", "40"), (.10, .20, .25, .22, .15, .08))
_SML = (("S", "M", "L"), (.30, .40, .30))
_ONE = (("",), (1.0,))

_SUPPLIERS = {  # name: (lead_time_days, country)
    "Saigon Footwear Co.": (70, "VN"), "Dhaka Knit Works": (55, "BD"), "Porto Textiles": (45, "PT"),
    "Foshan Home Goods": (60, "CN"), "Shandong Ironworks": (75, "CN"), "Cascade Outdoor Supply": (28, "US"),
    "Ningbo Gear Factory": (50, "CN"), "Leon Leather Works": (40, "MX"), "Hangzhou Knit Accessories": (45, "CN"),
}
_MOQ = {"Footwear": (24, 6), "Apparel": (36, 12), "Home": (24, 4), "Outdoor": (12, 6), "Accessories": (24, 12)}
_COST_RATIO = {"Footwear": .31, "Apparel": .28, "Home": .33, "Outdoor": .35, "Accessories": .25}
_DUTY = {"Footwear": .20, "Apparel": .16, "Home": .05, "Outdoor": .07, "Accessories": .08}
_RETURN_BASE = {"Apparel": .12, "Footwear": .09, "Home": .04, "Outdoor": .05, "Accessories": .06}

# code, category, subcategory, family, (sizes, weights), colours, price, weight, dims, supplier, popularity,
# season, (fba, walmart, ebay), extras
_FAMILIES = [
    ("TR", "Footwear", "Running", "Trail Runner", _SHOE, ("Black", "Slate"), 119.0, 2.4, (13, 8, 5),
     "Saigon Footwear Co.", 7, "spring", (1, 1, 1), {}),
    ("CC", "Footwear", "Sneakers", "Court Classic", _SHOE, ("White", "Black"), 89.0, 2.2, (13, 8, 5),
     "Saigon Footwear Co.", 6, "flat", (1, 1, 1), {}),
    ("WR", "Footwear", "Running", "Wool Runner", _SHOE, ("Grey", "Navy"), 98.0, 1.8, (13, 8, 5),
     "Saigon Footwear Co.", 5, "flat", (0, 0, 0), {"launch": 330}),
    ("SO", "Footwear", "Casual", "Canvas Slip-On", _SHOE, ("Navy", "Sand"), 59.0, 1.6, (12, 7, 4.5),
     "Saigon Footwear Co.", 4, "summer", (0, 1, 1), {"discontinue": ("Sand", 520)}),
    ("HB", "Footwear", "Boots", "Ridge Hiking Boot", _SHOE, ("Brown",), 159.0, 3.6, (14, 9, 6),
     "Saigon Footwear Co.", 3, "winter", (0, 1, 1), {}),
    ("RS", "Footwear", "Sandals", "Recovery Slide", _APP, ("Black", "Olive"), 39.0, 1.0, (12, 6, 4),
     "Saigon Footwear Co.", 3, "summer", (0, 1, 0), {}),
    ("MT", "Apparel", "Tops", "Merino Crew Tee", _APP, ("Black", "Heather Grey", "Navy"), 48.0, 0.5, (11, 9, 1.5),
     "Dhaka Knit Works", 9, "flat", (1, 1, 0), {}),
    ("FH", "Apparel", "Tops", "Fleece Hoodie", _APP, ("Charcoal", "Forest"), 74.0, 1.4, (13, 11, 3),
     "Dhaka Knit Works", 7, "winter", (1, 1, 1), {}),
    ("RJ", "Apparel", "Outerwear", "Rain Shell Jacket", _APP, ("Black", "Red"), 139.0, 1.2, (14, 11, 3),
     "Porto Textiles", 4, "spring", (0, 1, 1), {}),
    ("CH", "Apparel", "Bottoms", "Everyday Chino", _WAIST, ("Khaki", "Navy"), 68.0, 1.1, (13, 10, 2),
     "Porto Textiles", 4, "flat", (0, 1, 0), {}),
    ("BL", "Apparel", "Bottoms", "Base Layer Legging", _APPX, ("Black", "Charcoal"), 58.0, 0.5, (11, 9, 1.5),
     "Dhaka Knit Works", 4, "winter", (0, 0, 0), {}),
    ("SK", "Apparel", "Socks", "Performance Sock 3-Pack", _SML, ("White", "Black"), 18.0, 0.35, (8, 5, 1.5),
     "Dhaka Knit Works", 8, "flat", (1, 1, 1), {"multi": True}),
    ("PV", "Apparel", "Outerwear", "Puffer Vest", _APP, ("Black", "Olive"), 98.0, 0.9, (13, 11, 3),
     "Porto Textiles", 3, "winter", (0, 1, 1), {}),
    ("FS", "Apparel", "Tops", "Flannel Shirt", _APP, ("Red Plaid", "Blue Plaid"), 64.0, 0.8, (12, 10, 2),
     "Dhaka Knit Works", 4, "winter", (0, 1, 0), {"discontinue": ("Blue Plaid", 450)}),
    ("TS", "Apparel", "Bottoms", "Trail Short", _APP, ("Black", "Olive"), 54.0, 0.4, (11, 9, 1.5),
     "Dhaka Knit Works", 4, "summer", (0, 0, 0), {"launch": 150}),
    ("CS", "Home", "Cookware", "Cast Iron Skillet", (("8 in", "10 in", "12 in"), (.3, .45, .25)), ("Black",),
     (24.99, 29.99, 36.99), (6.4, 8.4, 10.9), ((13, 10, 3), (15, 11, 3), (18, 13, 3.5)),
     "Shandong Ironworks", 4, "q4", (1, 1, 0), {"amazon_price": 0.8}),
    ("DO", "Home", "Cookware", "Cast Iron Dutch Oven", (("5 qt", "7 qt"), (.6, .4)), ("Black",), (44.99, 54.99),
     (14.6, 17.8), ((14, 13, 8), (15, 14, 9)), "Shandong Ironworks", 2, "q4", (1, 1, 0), {"amazon_price": 0.8}),
    ("GR", "Home", "Cookware", "Cast Iron Griddle", (("20 in",), (1.0,)), ("Black",), 34.99, 9.6, (22, 11, 2.5),
     "Shandong Ironworks", 1.5, "q4", (1, 0, 0), {"amazon_price": 0.8}),
    ("LT", "Home", "Textiles", "Linen Throw Blanket", _ONE, ("Oat", "Charcoal", "Sage", "Rust"), 79.0, 2.0,
     (14, 12, 4), "Foshan Home Goods", 2, "q4", (0, 1, 0), {}),
    ("MS", "Home", "Kitchen", "Stoneware Mug Set", _ONE, ("White", "Speckled", "Blue"), 42.0, 4.2, (12, 12, 6),
     "Foshan Home Goods", 2, "q4", (0, 1, 1), {"fragile": True}),
    ("TW", "Home", "Bath", "Organic Towel Set", _ONE, ("White", "Grey", "Sage", "Navy"), 58.0, 3.0, (14, 12, 6),
     "Foshan Home Goods", 2, "flat", (0, 1, 0), {}),
    ("SC", "Home", "Decor", "Soy Candle", _ONE, ("Cedar", "Sea Salt", "Fig", "Amber"), 28.0, 1.3, (5, 5, 5),
     "Foshan Home Goods", 3, "q4", (0, 0, 0), {"fragile": True, "multi": True}),
    ("PC", "Home", "Decor", "Wool Pillow Cover", (("18 in", "20 in"), (.5, .5)), ("Oat", "Charcoal", "Rust"),
     36.0, 0.7, (12, 10, 2), "Foshan Home Goods", 1.5, "q4", (0, 0, 0), {}),
    ("CB", "Home", "Kitchen", "Bamboo Cutting Board", _SML, ("Natural",), (26.0, 34.0, 42.0), (1.5, 2.4, 3.4),
     ((12, 8, 1.5), (15, 10, 1.5), (18, 12, 1.5)), "Foshan Home Goods", 1.5, "q4", (0, 1, 1), {}),
    ("IB", "Outdoor", "Hydration", "Insulated Bottle", (("18 oz", "32 oz", "40 oz"), (.35, .4, .25)),
     ("Black", "Sage", "Sand", "Navy"), (29.0, 36.0, 42.0), (0.8, 1.1, 1.3), ((10, 4, 4), (11, 4, 4), (12, 5, 5)),
     "Ningbo Gear Factory", 9, "summer", (1, 1, 1), {}),
    ("CA", "Outdoor", "Camp", "Camp Chair", _ONE, ("Black", "Olive", "Navy"), 69.0, 6.5, (34, 7, 7),
     "Cascade Outdoor Supply", 2, "summer", (0, 1, 1), {}),
    ("TP", "Outdoor", "Hiking", "Trekking Poles", _ONE, ("Black", "Blue"), 89.0, 1.4, (26, 5, 4),
     "Cascade Outdoor Supply", 1.5, "summer", (0, 0, 1), {}),
    ("HL", "Outdoor", "Lighting", "LED Headlamp", _ONE, ("Black", "Orange", "Blue"), 34.0, 0.4, (6, 4, 3),
     "Ningbo Gear Factory", 3, "winter", (1, 1, 1), {}),
    ("DP", "Outdoor", "Packs", "Daypack 20L", _ONE, ("Black", "Slate", "Rust"), 79.0, 1.6, (18, 12, 4),
     "Ningbo Gear Factory", 3, "flat", (1, 1, 0), {}),
    ("BP", "Outdoor", "Packs", "Trail Backpack 35L", (("S/M", "M/L"), (.45, .55)), ("Black", "Forest"), 149.0, 3.0,
     (22, 14, 6), "Ningbo Gear Factory", 2, "summer", (0, 0, 1), {}),
    ("TN", "Outdoor", "Camp", "Two-Person Tent", _ONE, ("Green", "Orange"), 249.0, 6.8, (22, 8, 8),
     "Cascade Outdoor Supply", 1, "summer", (0, 1, 0), {}),
    ("SB", "Outdoor", "Camp", "Down Sleeping Bag", (("Regular", "Long"), (.65, .35)), ("Navy",), 219.0, 3.2,
     (16, 9, 9), "Cascade Outdoor Supply", 1, "winter", (0, 0, 1), {}),
    ("EM", "Outdoor", "Camp", "Enamel Camp Mug", _ONE, ("White", "Blue", "Red", "Green"), 16.0, 0.8, (5, 5, 5),
     "Ningbo Gear Factory", 2, "flat", (0, 0, 0), {"multi": True}),
    ("HM", "Outdoor", "Camp", "Packable Hammock", _ONE, ("Blue", "Orange", "Olive"), 59.0, 1.3, (9, 7, 5),
     "Ningbo Gear Factory", 1.5, "summer", (0, 1, 1), {}),
    ("LB", "Accessories", "Belts", "Leather Belt", _BELT, ("Brown", "Black"), 55.0, 0.6, (8, 6, 2),
     "Leon Leather Works", 3, "flat", (0, 1, 1), {}),
    ("BN", "Accessories", "Hats", "Merino Beanie", _ONE, ("Black", "Charcoal", "Forest", "Rust", "Navy"), 32.0,
     0.2, (9, 7, 1), "Hangzhou Knit Accessories", 4, "winter", (1, 1, 0), {}),
    ("TC", "Accessories", "Hats", "Trucker Cap", _ONE, ("Black", "Navy", "Olive", "Khaki", "Red"), 30.0, 0.3,
     (10, 8, 6), "Hangzhou Knit Accessories", 3, "summer", (0, 0, 1), {}),
    ("SG", "Accessories", "Eyewear", "Polarized Sunglasses", _ONE, ("Black", "Tortoise", "Blue"), 79.0, 0.3,
     (7, 3, 2), "Hangzhou Knit Accessories", 2, "summer", (1, 0, 1), {}),
    ("WL", "Accessories", "Wallets", "Bifold Wallet", _ONE, ("Brown", "Black", "Tan"), 49.0, 0.25, (5, 4, 1),
     "Leon Leather Works", 2, "q4", (1, 1, 1), {}),
    ("CT", "Accessories", "Bags", "Canvas Tote", _ONE, ("Natural", "Black", "Olive"), 38.0, 0.8, (12, 10, 2),
     "Hangzhou Knit Accessories", 2, "summer", (0, 0, 0), {}),
    ("GL", "Accessories", "Gloves", "Touchscreen Gloves", (("S/M", "L/XL"), (.5, .5)), ("Black", "Grey"), 28.0,
     0.2, (9, 5, 1), "Hangzhou Knit Accessories", 2, "winter", (0, 0, 0), {}),
    ("NG", "Accessories", "Hats", "Neck Gaiter", _ONE, ("Black", "Blue", "Camo", "Grey"), 19.0, 0.1, (7, 5, 1),
     "Hangzhou Knit Accessories", 2, "winter", (0, 0, 0), {"multi": True}),
]
_COLOUR_CODE = {
    "Black": "BLK", "Slate": "SLT", "Orange": "ORG", "White": "WHT", "Grey": "GRY", "Navy": "NVY", "Sand": "SND",
    "Brown": "BRN", "Olive": "OLV", "Heather Grey": "HGR", "Charcoal": "CHR", "Forest": "FST", "Red": "RED",
    "Khaki": "KHK", "Red Plaid": "RPL", "Blue Plaid": "BPL", "Oat": "OAT", "Sage": "SGE", "Rust": "RST",
    "Speckled": "SPK", "Blue": "BLU", "Cedar": "CDR", "Sea Salt": "SSL", "Fig": "FIG", "Amber": "AMB",
    "Natural": "NAT", "Green": "GRN", "Tortoise": "TRT", "Tan": "TAN", "Camo": "CAM",
}
_SEASON = {
    "flat": (1,) * 12,
    "summer": (.6, .65, .85, 1.05, 1.3, 1.45, 1.45, 1.3, 1.0, .8, .8, 1.0),
    "winter": (1.3, 1.1, .85, .6, .45, .4, .4, .5, .8, 1.2, 1.5, 1.6),
    "spring": (.8, .9, 1.2, 1.3, 1.25, 1.05, 1.0, 1.0, 1.05, 1.0, .9, .95),
    "q4": (.8, .8, .85, .9, .9, .85, .85, .9, .95, 1.1, 1.5, 1.8),
}
_MONTH = (.82, .80, .92, .96, 1.0, .97, 1.0, 1.02, .95, 1.0, 1.12, 1.30)
_DOW = (1.08, 1.04, 1.0, .98, .95, .92, 1.03)  # Mon..Sun
_HOUR = (1.2, .7, .4, .3, .3, .5, 1.0, 2.0, 3.0, 3.6, 4.0, 4.2, 4.5, 4.4, 4.2, 4.1, 4.2, 4.5, 5.0, 5.6, 6.0, 5.8,
         4.5, 2.6)

# state, name, tax rate, population (millions), cities: (city, zip3, lat, lon)
_STATES = [
    ("AL", "Alabama", .0925, 5.1, [("Birmingham", "352", 33.52, -86.80), ("Huntsville", "358", 34.73, -86.59)]),
    ("AK", "Alaska", .0176, .7, [("Anchorage", "995", 61.22, -149.90)]),
    ("AZ", "Arizona", .0840, 7.4, [("Phoenix", "850", 33.45, -112.07), ("Tucson", "857", 32.22, -110.97)]),
    ("AR", "Arkansas", .0946, 3.1, [("Little Rock", "722", 34.75, -92.29)]),
    ("CA", "California", .0882, 39.0, [("Los Angeles", "900", 34.05, -118.24), ("San Diego", "921", 32.72, -117.16),
                                       ("San Jose", "951", 37.34, -121.89), ("Sacramento", "958", 38.58, -121.49),
                                       ("San Francisco", "941", 37.77, -122.42)]),
    ("CO", "Colorado", .0781, 5.9, [("Denver", "802", 39.74, -104.99), ("Colorado Springs", "809", 38.83, -104.82)]),
    ("CT", "Connecticut", .0635, 3.6, [("Hartford", "061", 41.76, -72.67), ("New Haven", "065", 41.31, -72.92)]),
    ("DE", "Delaware", 0.0, 1.0, [("Wilmington", "198", 39.74, -75.55)]),
    ("DC", "District of Columbia", .06, .7, [("Washington", "200", 38.91, -77.04)]),
    ("FL", "Florida", .0702, 22.6, [("Miami", "331", 25.76, -80.19), ("Orlando", "328", 28.54, -81.38),
                                    ("Tampa", "336", 27.95, -82.46), ("Jacksonville", "322", 30.33, -81.66)]),
    ("GA", "Georgia", .0738, 11.0, [("Atlanta", "303", 33.75, -84.39), ("Savannah", "314", 32.08, -81.09)]),
    ("HI", "Hawaii", .045, 1.4, [("Honolulu", "968", 21.31, -157.86)]),
    ("ID", "Idaho", .0603, 2.0, [("Boise", "837", 43.62, -116.20)]),
    ("IL", "Illinois", .0886, 12.5, [("Chicago", "606", 41.88, -87.63), ("Springfield", "627", 39.78, -89.65)]),
    ("IN", "Indiana", .07, 6.9, [("Indianapolis", "462", 39.77, -86.16), ("Fort Wayne", "468", 41.08, -85.14)]),
    ("IA", "Iowa", .0694, 3.2, [("Des Moines", "503", 41.59, -93.62)]),
    ("KS", "Kansas", .0865, 2.9, [("Wichita", "672", 37.69, -97.34), ("Overland Park", "662", 38.98, -94.67)]),
    ("KY", "Kentucky", .06, 4.5, [("Louisville", "402", 38.25, -85.76), ("Lexington", "405", 38.04, -84.50)]),
    ("LA", "Louisiana", .0956, 4.6, [("New Orleans", "701", 29.95, -90.07), ("Baton Rouge", "708", 30.45, -91.19)]),
    ("ME", "Maine", .055, 1.4, [("Portland", "041", 43.66, -70.26)]),
    ("MD", "Maryland", .06, 6.2, [("Baltimore", "212", 39.29, -76.61)]),
    ("MA", "Massachusetts", .0625, 7.0, [("Boston", "021", 42.36, -71.06), ("Worcester", "016", 42.26, -71.80)]),
    ("MI", "Michigan", .06, 10.0, [("Detroit", "482", 42.33, -83.05), ("Grand Rapids", "495", 42.96, -85.67)]),
    ("MN", "Minnesota", .0804, 5.7, [("Minneapolis", "554", 44.98, -93.27), ("Saint Paul", "551", 44.95, -93.09)]),
    ("MS", "Mississippi", .0707, 2.9, [("Jackson", "392", 32.30, -90.18)]),
    ("MO", "Missouri", .0841, 6.2, [("Saint Louis", "631", 38.63, -90.20), ("Springfield", "658", 37.21, -93.29)]),
    ("MT", "Montana", 0.0, 1.1, [("Billings", "591", 45.78, -108.50)]),
    ("NE", "Nebraska", .0697, 2.0, [("Omaha", "681", 41.26, -95.93)]),
    ("NV", "Nevada", .0823, 3.2, [("Las Vegas", "891", 36.17, -115.14), ("Henderson", "890", 36.04, -114.98)]),
    ("NH", "New Hampshire", 0.0, 1.4, [("Manchester", "031", 42.99, -71.46)]),
    ("NJ", "New Jersey", .066, 9.3, [("Newark", "071", 40.74, -74.17), ("Jersey City", "073", 40.73, -74.08)]),
    ("NM", "New Mexico", .0772, 2.1, [("Albuquerque", "871", 35.08, -106.65)]),
    ("NY", "New York", .0852, 19.6, [("New York", "100", 40.71, -74.01), ("Brooklyn", "112", 40.68, -73.94),
                                     ("Buffalo", "142", 42.89, -78.88), ("Rochester", "146", 43.16, -77.61)]),
    ("NC", "North Carolina", .07, 10.8, [("Charlotte", "282", 35.23, -80.84), ("Raleigh", "276", 35.78, -78.64)]),
    ("ND", "North Dakota", .0704, .8, [("Fargo", "581", 46.88, -96.79)]),
    ("OH", "Ohio", .0724, 11.8, [("Columbus", "432", 39.96, -83.00), ("Cleveland", "441", 41.50, -81.69),
                                 ("Cincinnati", "452", 39.10, -84.51)]),
    ("OK", "Oklahoma", .0899, 4.0, [("Oklahoma City", "731", 35.47, -97.52), ("Tulsa", "741", 36.15, -95.99)]),
    ("OR", "Oregon", 0.0, 4.2, [("Portland", "972", 45.52, -122.68), ("Eugene", "974", 44.05, -123.09)]),
    ("PA", "Pennsylvania", .0634, 13.0, [("Philadelphia", "191", 39.95, -75.17), ("Pittsburgh", "152", 40.44, -80.00)]),
    ("RI", "Rhode Island", .07, 1.1, [("Providence", "029", 41.82, -71.41)]),
    ("SC", "South Carolina", .0749, 5.4, [("Columbia", "292", 34.00, -81.03), ("Charleston", "294", 32.78, -79.93)]),
    ("SD", "South Dakota", .0611, .9, [("Sioux Falls", "571", 43.54, -96.73)]),
    ("TN", "Tennessee", .0955, 7.1, [("Nashville", "372", 36.16, -86.78), ("Memphis", "381", 35.15, -90.05)]),
    ("TX", "Texas", .082, 30.5, [("Houston", "770", 29.76, -95.37), ("Dallas", "752", 32.78, -96.80),
                                 ("Austin", "787", 30.27, -97.74), ("San Antonio", "782", 29.42, -98.49)]),
    ("UT", "Utah", .0719, 3.4, [("Salt Lake City", "841", 40.76, -111.89)]),
    ("VT", "Vermont", .0636, .6, [("Burlington", "054", 44.48, -73.21)]),
    ("VA", "Virginia", .0577, 8.7, [("Richmond", "232", 37.54, -77.44), ("Arlington", "222", 38.88, -77.10)]),
    ("WA", "Washington", .0938, 7.8, [("Seattle", "981", 47.61, -122.33), ("Spokane", "992", 47.66, -117.43)]),
    ("WV", "West Virginia", .0655, 1.8, [("Charleston", "253", 38.35, -81.63)]),
    ("WI", "Wisconsin", .0543, 5.9, [("Milwaukee", "532", 43.04, -87.91), ("Madison", "537", 43.07, -89.40)]),
    ("WY", "Wyoming", .0544, .6, [("Cheyenne", "820", 41.14, -104.82)]),
]
_FC_BY_STATE = {  # Amazon fulfilment centre serving each state (FBA)
    "CA": "ONT8", "NV": "LAS1", "AZ": "PHX7", "OR": "PDX9", "WA": "BFI4", "ID": "BFI4", "UT": "SLC1", "HI": "ONT8",
    "AK": "BFI4", "CO": "DEN4", "NM": "PHX7", "MT": "BFI4", "WY": "DEN4", "TX": "DFW7", "OK": "DFW7",
    "KS": "MCI7", "MO": "MCI7", "NE": "MCI7", "IA": "MCI7", "IL": "MDW2", "WI": "MDW2", "MN": "MSP1",
    "ND": "MSP1", "SD": "MSP1", "IN": "IND9", "MI": "DTW1", "OH": "CMH1", "KY": "SDF8", "TN": "BNA3",
    "AR": "DFW7", "LA": "MSY1", "MS": "BNA3", "AL": "BNA3", "GA": "ATL6", "FL": "TPA1", "SC": "CLT2", "NC": "CLT2",
    "VA": "RIC2", "WV": "RIC2", "DC": "BWI2", "MD": "BWI2", "DE": "PHL6", "PA": "PHL6", "NJ": "EWR4", "NY": "EWR4",
    "CT": "BDL2", "RI": "BDL2", "MA": "BOS7", "VT": "BOS7", "NH": "BOS7", "ME": "BOS7",
}
_FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
          "Joseph Jessica Thomas Sarah Chris Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Steven "
          "Ashley Paul Emily Andrew Kimberly Joshua Donna Kevin Michelle Brian Carol George Amanda Tim Melissa "
          "Jason Deborah Ryan Stephanie Jacob Rebecca Gary Laura Nick Sharon Eric Cynthia Jon Kathleen Maria "
          "Luis Wei Priya Omar Aisha Mateo Sofia Hiro Yuki").split()
_LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
         "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis "
         "Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall "
         "Rivera Campbell Mitchell Carter Roberts Patel Kim Chen Shah Cohen Murphy Reyes Ortiz Brooks").split()
_STREETS = ("Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine St", "Elm St", "Washington Ave", "Lake Rd",
            "Hill St", "Park Ave", "2nd St", "3rd St", "Sunset Blvd", "River Rd", "Church St", "Highland Ave",
            "Spring St", "Forest Dr", "Meadow Ln", "Ridge Rd", "Willow Way", "Jackson St", "Lincoln Ave", "Bay St")

# returns: reason code -> (label, Amazon reason, comments)
_REASONS = {
    "too_small": ("Too small", "APPAREL_TOO_SMALL",
                  ("A bit snug", "Too small", "Smaller than expected", "Needed the next size up")),
    "too_large": ("Too large", "APPAREL_TOO_LARGE",
                  ("Too big", "Runs large", "Too roomy, sizing down", "Loose everywhere")),
    "defective": ("Defective", "DEFECTIVE",
                  ("Stopped working after a week", "Seam split on first wear", "Zipper broke", "Arrived faulty",
                   "Stitching coming apart")),
    "not_as_described": ("Not as described", "NOT_AS_DESCRIBED",
                         ("Colour is different from the photos", "Material feels cheaper than described",
                          "Not as pictured", "Smaller than it looks online")),
    "changed_mind": ("Changed mind", "UNWANTED_ITEM",
                     ("No longer needed", "Changed my mind", "Gift not needed", "Bought something else")),
    "ordered_wrong_item": ("Ordered wrong item", "ORDERED_WRONG_ITEM",
                           ("Ordered the wrong size", "Picked the wrong colour by mistake", "My mistake")),
    "better_price": ("Found better price", "FOUND_BETTER_PRICE",
                     ("Found it cheaper elsewhere", "Price dropped right after I bought")),
    "missing_parts": ("Missing parts", "MISSING_PARTS",
                      ("Parts missing from the box", "Lid missing", "Missing one piece")),
    "wrong_item": ("Wrong item received", "SWITCHEROO",
                   ("Received wrong item", "Wrong size sent", "Received wrong item, not what I ordered",
                    "Wrong size sent, ordered M and got L", "Wrong colour sent")),
    "damaged_in_transit": ("Damaged in transit", "DAMAGED_BY_CARRIER",
                           ("Box crushed, item damaged", "Box crushed on arrival", "Package arrived torn open",
                            "Item broken in shipping, box crushed")),
}
_REASON_CODES = tuple(_REASONS)
_TRAIL_SMALL = ("Runs small, size up", "Runs at least half a size small", "Way too tight in the toe box",
                "Too tight, need to size up", "Runs small compared to my other running shoes",
                "Runs small - order a size up", "Too tight across the top of the foot")
_REASON_MIX = {  # regular (non-story) returns by category
    "Apparel": {"too_small": .24, "too_large": .24, "not_as_described": .15, "changed_mind": .15, "defective": .08,
                "ordered_wrong_item": .08, "better_price": .06},
    "Footwear": {"too_small": .27, "too_large": .25, "changed_mind": .15, "defective": .13, "not_as_described": .10,
                 "ordered_wrong_item": .10},
    "Home": {"defective": .30, "not_as_described": .20, "changed_mind": .25, "missing_parts": .10,
             "better_price": .15},
    "Outdoor": {"defective": .30, "changed_mind": .25, "not_as_described": .20, "better_price": .10,
                "missing_parts": .15},
    "Accessories": {"changed_mind": .35, "not_as_described": .25, "defective": .20, "better_price": .10,
                    "ordered_wrong_item": .10},
}
_CSAT_COMMENTS = {
    "good": ("Fast shipping, great quality", "Love it", "Exactly as described", "Great fit", "Will buy again",
             "Arrived quickly and well packed", "Super comfortable"),
    "late": ("Arrived later than promised", "Took forever to ship", "Delivery was late", "Slow shipping"),
    "bad": ("Box was crushed", "Wrong item sent", "Item arrived damaged", "Had to return it, not happy",
            "Received the wrong size"),
    "meh": ("It's okay", "Fine, nothing special", "Runs small", "Colour a bit off"),
}
