-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Long CIN plans: drill-down
-- MAGIC Children on open CIN plans by time since the plan started (measure `cin_plan_duration`), and who is in the
-- MAGIC 12-months-or-more cohort. Set the widgets: `lakehouse` (table root, e.g. `abfss://lake@acct.dfs.core.windows.net/csc`)
-- MAGIC and `as_at` (ISO date). Pseudonymised data only: `person_id` is a keyed pseudonym.

-- COMMAND ----------

CREATE WIDGET TEXT lakehouse DEFAULT './lakehouse'

-- COMMAND ----------

CREATE WIDGET TEXT as_at DEFAULT '2025-03-31'

-- COMMAND ----------

-- The published trend: share of children on CIN plans by duration band, each year
SELECT time_period, time_identifier, breakdown_value AS duration_band, numerator AS children, denominator AS all_on_plans, value AS percent
FROM delta.`${lakehouse}/gold/cin_cp`
WHERE measure_id = 'cin_plan_duration' AND breakdown = 'duration_band'
ORDER BY time_period, duration_band

-- COMMAND ----------

-- Open CIN plans at the as-at date, with months since the plan started (calendar months, as measures.md)
WITH open_plans AS (
  SELECT p.la_code, p.person_id, p.cin_plan_id, p.start_date, p.referral_date,
         CAST(floor(months_between(DATE'${as_at}', p.start_date)) AS INT) AS months_on_plan
  FROM delta.`${lakehouse}/silver/cin_plan` p
  WHERE p.start_date <= DATE'${as_at}' AND (p.end_date IS NULL OR p.end_date > DATE'${as_at}')
)
SELECT CASE WHEN months_on_plan < 9 THEN '<9m' WHEN months_on_plan < 12 THEN '9-<12m'
            WHEN months_on_plan < 24 THEN '12-<24m' ELSE '24m+' END AS duration_band,
       count(DISTINCT person_id) AS children
FROM open_plans
GROUP BY 1
ORDER BY 1

-- COMMAND ----------

-- The long-plan cohort (12 months or more) with age, sex, primary need and any earlier CP plan
WITH open_plans AS (
  SELECT p.la_code, p.person_id, p.referral_id, p.start_date,
         CAST(floor(months_between(DATE'${as_at}', p.start_date)) AS INT) AS months_on_plan
  FROM delta.`${lakehouse}/silver/cin_plan` p
  WHERE p.start_date <= DATE'${as_at}' AND (p.end_date IS NULL OR p.end_date > DATE'${as_at}')
),
earlier_cp AS (
  SELECT la_code, person_id, count(*) AS cp_plans_before, max(end_date) AS last_cp_end
  FROM delta.`${lakehouse}/silver/cp_plan`
  WHERE start_date <= DATE'${as_at}'
  GROUP BY la_code, person_id
)
SELECT o.person_id, o.start_date AS plan_start, o.months_on_plan,
       CAST(floor(months_between(DATE'${as_at}', pe.birth_month) / 12) AS INT) AS age_years,
       pe.sex, r.primary_need, r.referral_date,
       coalesce(c.cp_plans_before, 0) AS cp_plans_before, c.last_cp_end
FROM open_plans o
LEFT JOIN delta.`${lakehouse}/silver/person` pe ON pe.la_code = o.la_code AND pe.person_id = o.person_id
LEFT JOIN delta.`${lakehouse}/silver/referral` r ON r.referral_id = o.referral_id
LEFT JOIN earlier_cp c ON c.la_code = o.la_code AND c.person_id = o.person_id
WHERE o.months_on_plan >= 12
ORDER BY o.months_on_plan DESC

-- COMMAND ----------

-- Long plans by primary need (where they concentrate)
SELECT r.primary_need, count(DISTINCT p.person_id) AS children_12m_plus
FROM delta.`${lakehouse}/silver/cin_plan` p
LEFT JOIN delta.`${lakehouse}/silver/referral` r ON r.referral_id = p.referral_id
WHERE p.start_date <= add_months(DATE'${as_at}', -12) AND (p.end_date IS NULL OR p.end_date > DATE'${as_at}')
GROUP BY r.primary_need
ORDER BY children_12m_plus DESC
