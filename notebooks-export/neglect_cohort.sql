-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Neglect cohort journeys
-- MAGIC A child's first neglect identification is the earliest of an assessment with factor 16A (its authorisation
-- MAGIC date) and the start of a CP plan whose initial or latest category is NEG (measures.md). This notebook follows
-- MAGIC each child from that date to their first CP plan and their first period of care.

-- COMMAND ----------

CREATE WIDGET TEXT lakehouse DEFAULT './lakehouse'

-- COMMAND ----------

-- The published neglect measures by year
SELECT measure_id, time_period, value, unit, numerator, denominator
FROM delta.`${lakehouse}/gold/neglect`
WHERE breakdown = 'Total'
ORDER BY measure_id, time_period

-- COMMAND ----------

-- Journey of each child in the cohort: identification -> first CP plan -> first period of care
WITH identified AS (
  SELECT la_code, person_id, min(d) AS first_neglect
  FROM (
    SELECT la_code, person_id, authorisation_date AS d FROM delta.`${lakehouse}/silver/assessment_factor` WHERE factor = '16A'
    UNION ALL
    SELECT la_code, person_id, start_date AS d FROM delta.`${lakehouse}/silver/cp_plan`
    WHERE initial_category = 'NEG' OR latest_category = 'NEG'
  ) x
  WHERE d IS NOT NULL
  GROUP BY la_code, person_id
),
first_cp AS (
  SELECT la_code, person_id, min(start_date) AS first_cp_start, max(number_of_previous_cpp) AS max_previous_cpp
  FROM delta.`${lakehouse}/silver/cp_plan` GROUP BY la_code, person_id
),
first_care AS (
  SELECT la_code, person_id, min(start_date) AS first_care_start
  FROM delta.`${lakehouse}/silver/cla_period` WHERE NOT coalesce(is_short_break, false) GROUP BY la_code, person_id
),
referrals_before AS (
  SELECT i.la_code, i.person_id, count(r.referral_id) AS referrals_before_care
  FROM identified i
  JOIN first_care c ON c.la_code = i.la_code AND c.person_id = i.person_id
  LEFT JOIN delta.`${lakehouse}/silver/referral` r
    ON r.la_code = i.la_code AND r.person_id = i.person_id AND r.referral_date < c.first_care_start
  GROUP BY i.la_code, i.person_id
)
SELECT i.person_id, i.first_neglect, cp.first_cp_start,
       CASE WHEN cp.first_cp_start >= i.first_neglect THEN datediff(cp.first_cp_start, i.first_neglect) END AS days_to_cpp,
       c.first_care_start,
       CASE WHEN c.first_care_start >= i.first_neglect THEN datediff(c.first_care_start, i.first_neglect) END AS days_to_care,
       rb.referrals_before_care
FROM identified i
LEFT JOIN first_cp cp ON cp.la_code = i.la_code AND cp.person_id = i.person_id
LEFT JOIN first_care c ON c.la_code = i.la_code AND c.person_id = i.person_id
LEFT JOIN referrals_before rb ON rb.la_code = i.la_code AND rb.person_id = i.person_id
ORDER BY i.first_neglect

-- COMMAND ----------

-- Cohort by year of identification: how many went on to a CP plan, and to care, and how fast (median days)
WITH identified AS (
  SELECT la_code, person_id, min(d) AS first_neglect
  FROM (
    SELECT la_code, person_id, authorisation_date AS d FROM delta.`${lakehouse}/silver/assessment_factor` WHERE factor = '16A'
    UNION ALL
    SELECT la_code, person_id, start_date AS d FROM delta.`${lakehouse}/silver/cp_plan`
    WHERE initial_category = 'NEG' OR latest_category = 'NEG'
  ) x
  WHERE d IS NOT NULL
  GROUP BY la_code, person_id
)
SELECT year(add_months(i.first_neglect, 9)) AS reporting_year,
       count(*) AS children,
       count(cp.person_id) AS later_cp_plan,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY datediff(cp.start_date, i.first_neglect)) AS median_days_to_cpp,
       count(DISTINCT c.person_id) AS later_in_care
FROM identified i
LEFT JOIN delta.`${lakehouse}/silver/cp_plan` cp
  ON cp.la_code = i.la_code AND cp.person_id = i.person_id AND cp.start_date >= i.first_neglect
LEFT JOIN delta.`${lakehouse}/silver/cla_period` c
  ON c.la_code = i.la_code AND c.person_id = i.person_id AND c.start_date >= i.first_neglect
GROUP BY 1
ORDER BY 1
