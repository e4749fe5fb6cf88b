-- Source schema of the online shop (DESIGN.md section 2).
-- Idempotent: every statement may run against a database that already has some of it,
-- so the same file bootstraps the embedded database, docker-compose's PostgreSQL and an
-- existing database where tables are missing. SchemaInstaller (tools/loadgen) goes further:
-- it runs the ALTER TABLE and CREATE INDEX statements of a table only when it created that
-- table, so an existing table is never changed.

CREATE SCHEMA IF NOT EXISTS shop;

-- Clickstream: raw and permissive on purpose. The tracker writes what it receives; the
-- silver layer validates. No CHECK constraints, no NOT NULL beyond the key.
CREATE TABLE IF NOT EXISTS shop.web_events (
    id          bigserial PRIMARY KEY,
    event_id    text,
    user_id     text,
    product_id  text,
    event_type  text,
    price       numeric,
    quantity    int,
    currency    text,
    ts          timestamptz,
    country     text,
    device      text,
    campaign    text
);

-- Inventory management.
CREATE TABLE IF NOT EXISTS shop.customers (
    customer_id  bigserial PRIMARY KEY,
    first_name   text NOT NULL,
    last_name    text NOT NULL,
    email        text NOT NULL,
    phone        text,
    country      char(2) NOT NULL,
    segment      text NOT NULL,            -- consumer | small_business | enterprise
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS shop.suppliers (
    supplier_id    bigserial PRIMARY KEY,
    name           text NOT NULL,
    contact_name   text,
    contact_email  text,
    contact_phone  text,
    country        char(2) NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS shop.products (
    product_id   bigserial PRIMARY KEY,
    sku          text NOT NULL UNIQUE,
    name         text NOT NULL,
    category     text NOT NULL,
    brand        text,
    supplier_id  bigint REFERENCES shop.suppliers (supplier_id),
    unit_price   numeric(12,2) NOT NULL,
    currency     char(3) NOT NULL DEFAULT 'EUR',
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS shop.warehouses (
    warehouse_id  bigserial PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    name          text NOT NULL,
    country       char(2) NOT NULL,
    city          text NOT NULL,
    capacity      int NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Stock movements: an append-mostly ledger of quantity changes per product and warehouse.
CREATE TABLE IF NOT EXISTS shop.inventory (
    inventory_id   bigserial PRIMARY KEY,
    product_id     bigint NOT NULL REFERENCES shop.products (product_id),
    warehouse_id   bigint NOT NULL REFERENCES shop.warehouses (warehouse_id),
    quantity_delta int NOT NULL,
    reason         text NOT NULL,          -- receipt | sale | customer_return | adjustment
    moved_at       timestamptz NOT NULL DEFAULT now()
);

-- Current stock position per product and warehouse, updated in place.
CREATE TABLE IF NOT EXISTS shop.stock_levels (
    stock_level_id     bigserial PRIMARY KEY,
    product_id         bigint NOT NULL REFERENCES shop.products (product_id),
    warehouse_id       bigint NOT NULL REFERENCES shop.warehouses (warehouse_id),
    quantity_on_hand   int NOT NULL,
    quantity_reserved  int NOT NULL DEFAULT 0,
    reorder_point      int NOT NULL DEFAULT 0,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (product_id, warehouse_id)
);

CREATE TABLE IF NOT EXISTS shop.orders (
    order_id      bigserial PRIMARY KEY,
    customer_id   bigint NOT NULL REFERENCES shop.customers (customer_id),
    status        text NOT NULL,           -- pending | paid | shipped | delivered | cancelled | returned
    order_ts      timestamptz NOT NULL DEFAULT now(),
    currency      char(3) NOT NULL,
    total_amount  numeric(12,2) NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS shop.order_details (
    order_detail_id  bigserial PRIMARY KEY,
    order_id         bigint NOT NULL REFERENCES shop.orders (order_id) ON DELETE CASCADE,
    product_id       bigint NOT NULL REFERENCES shop.products (product_id),
    quantity         int NOT NULL,
    unit_price       numeric(12,2) NOT NULL,
    discount         numeric(12,2) NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS shop.shipments (
    shipment_id      bigserial PRIMARY KEY,
    order_id         bigint NOT NULL REFERENCES shop.orders (order_id) ON DELETE CASCADE,
    warehouse_id     bigint NOT NULL REFERENCES shop.warehouses (warehouse_id),
    carrier          text NOT NULL,
    tracking_number  text,
    status           text NOT NULL,        -- label_created | in_transit | delivered | lost
    shipped_at       timestamptz,
    delivered_at     timestamptz
);

CREATE TABLE IF NOT EXISTS shop.returns (
    return_id      bigserial PRIMARY KEY,
    order_id       bigint NOT NULL REFERENCES shop.orders (order_id) ON DELETE CASCADE,
    product_id     bigint NOT NULL REFERENCES shop.products (product_id),
    quantity       int NOT NULL,
    reason         text,
    status         text NOT NULL,          -- requested | received | refunded | rejected
    refund_amount  numeric(12,2),
    requested_at   timestamptz NOT NULL DEFAULT now()
);

-- Foreign keys the generator deletes through: purging a cancelled order deletes its details by
-- order_id, and ON DELETE CASCADE from orders looks up details, shipments and returns by
-- order_id. Without these indexes every order delete scans those tables.
CREATE INDEX IF NOT EXISTS order_details_order_id_idx ON shop.order_details (order_id);
CREATE INDEX IF NOT EXISTS shipments_order_id_idx ON shop.shipments (order_id);
CREATE INDEX IF NOT EXISTS returns_order_id_idx ON shop.returns (order_id);

-- Capture heartbeat: cdc-capture updates this row on an interval so the replication slot
-- advances even when no captured table changes (see services/cdc-capture/README.md).
CREATE TABLE IF NOT EXISTS shop.capture_heartbeat (
    id  int PRIMARY KEY,
    ts  timestamptz NOT NULL
);

-- Replica identity: FULL for the mutable inventory tables, so updates and deletes carry the
-- whole before image (bronze stores it for deletes; silver needs it to route a delete). The
-- clickstream and the ledger are insert-only: the primary key (DEFAULT) is all they need.
ALTER TABLE shop.customers     REPLICA IDENTITY FULL;
ALTER TABLE shop.suppliers     REPLICA IDENTITY FULL;
ALTER TABLE shop.products      REPLICA IDENTITY FULL;
ALTER TABLE shop.warehouses    REPLICA IDENTITY FULL;
ALTER TABLE shop.stock_levels  REPLICA IDENTITY FULL;
ALTER TABLE shop.orders        REPLICA IDENTITY FULL;
ALTER TABLE shop.order_details REPLICA IDENTITY FULL;
ALTER TABLE shop.shipments     REPLICA IDENTITY FULL;
ALTER TABLE shop.returns       REPLICA IDENTITY FULL;
ALTER TABLE shop.inventory     REPLICA IDENTITY DEFAULT;
ALTER TABLE shop.web_events    REPLICA IDENTITY DEFAULT;

-- The publication cdc-capture streams from (pgoutput). Listed explicitly rather than
-- FOR ALL TABLES so unrelated tables in the same database are never captured.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'medallion') THEN
        CREATE PUBLICATION medallion FOR TABLE
            shop.web_events, shop.customers, shop.suppliers, shop.products, shop.warehouses,
            shop.inventory, shop.stock_levels, shop.orders, shop.order_details, shop.shipments,
            shop.returns, shop.capture_heartbeat;
    END IF;
END
$$;
