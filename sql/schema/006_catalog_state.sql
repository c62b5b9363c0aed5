-- One row is one piece of state the connection code keeps: the hash of the view SQL and of the indicator table in force.
CREATE TABLE catalog_state (
    key         VARCHAR PRIMARY KEY,
    value       VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

COMMENT ON TABLE catalog_state IS 'Hashes of the view SQL and of the indicator table in force, so views and indicators are rebuilt only when they change.';
