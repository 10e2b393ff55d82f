-- Flyway's search path is the config schema, so unqualified names land there; these name public outright.
CREATE SEQUENCE public.pupil_numbers;
CREATE FUNCTION public.next_pupil_number() RETURNS BIGINT LANGUAGE sql AS 'SELECT nextval(''public.pupil_numbers'')';
CREATE VIEW public.pupil_list AS SELECT 1 AS id;
