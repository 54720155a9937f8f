-- Named users of the window, with roles. With none, the PC's own user works unrestricted.
CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    -- 管理员, 录入员, 查看
    role          TEXT NOT NULL,
    -- argon2id, PHC string
    password_hash TEXT NOT NULL,
    failed        INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL
);
