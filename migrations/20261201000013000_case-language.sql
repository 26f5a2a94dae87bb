-- Up Migration

-- The language the subject wrote in (e-mail intake detects it; an officer may give it): letters to the subject use
-- it; without it they use the operator profile's default language.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS language text CHECK (language IN ('ru', 'en'));

-- Down Migration
ALTER TABLE cases DROP COLUMN IF EXISTS language;
