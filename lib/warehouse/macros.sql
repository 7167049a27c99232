-- The shared filters' rules, written once. Every reader connection (pages, notebooks, `lib sql`, the SQL explorer)
-- has these macros; lib/metrics SQL uses them instead of repeating the predicates.
--
-- within(allowed, value): one dimension of the shared filters: an empty list allows every value.
CREATE OR REPLACE MACRO within(allowed, value) AS
    len(allowed::VARCHAR[]) = 0 OR list_contains(allowed::VARCHAR[], value);
-- in_categories(categories, order_id): the category filter of an order: one of its lines is in one of the categories.
CREATE OR REPLACE MACRO in_categories(categories, oid) AS
    len(categories::VARCHAR[]) = 0
    OR oid IN (SELECT order_id FROM fct_order_lines WHERE list_contains(categories::VARCHAR[], category));
-- scoped_orders(start_day, end_day, channels, warehouses, carriers, categories): the orders the shared filters
-- select (order-date basis): placed in [start_day, end_day], on one of the channels, shipped from one of the
-- warehouses and by one of the carriers, with a line in one of the categories (empty list = all). Every fct_orders
-- column; callers add their own scope (e.g. is_in_revenue) on top.
CREATE OR REPLACE MACRO scoped_orders(start_day, end_day, channels, warehouses, carriers, categories) AS TABLE
    SELECT * FROM fct_orders
    WHERE order_date BETWEEN start_day AND end_day
      AND within(channels, channel) AND within(warehouses, warehouse) AND within(carriers, carrier)
      AND in_categories(categories, order_id);
