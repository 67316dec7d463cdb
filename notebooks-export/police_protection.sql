-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Police-protection entries into care
-- MAGIC Care starts whose first episode is under police protection (legal status L1), against the council's 13%
-- MAGIC target (England runs at about 9%), and what happened next.

-- COMMAND ----------

CREATE WIDGET TEXT lakehouse DEFAULT './lakehouse'

-- COMMAND ----------

-- The published measure against the 13% target
SELECT time_period, numerator AS l1_starts, denominator AS all_starts, value AS percent, 13.0 AS target_percent,
       value - 13.0 AS points_above_target
FROM delta.`${lakehouse}/gold/looked_after`
WHERE measure_id = 'cla_starts_police_protection' AND breakdown = 'Total' AND time_identifier = 'Reporting year'
ORDER BY time_period

-- COMMAND ----------

-- Periods of care starting under L1 by reporting year: returned home within 14 days, still looked after
SELECT year(add_months(start_date, 9)) AS reporting_year,
       count(*) AS l1_starts,
       sum(CASE WHEN end_date IS NOT NULL AND datediff(end_date, start_date) <= 14
                 AND final_reason_ceased IN ('E4A', 'E4B') THEN 1 ELSE 0 END) AS returned_home_14d,
       sum(CASE WHEN end_date IS NULL THEN 1 ELSE 0 END) AS still_looked_after,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY datediff(coalesce(end_date, current_date()), start_date)) AS median_days_in_care
FROM delta.`${lakehouse}/silver/cla_period`
WHERE first_legal_status = 'L1' AND NOT coalesce(is_short_break, false)
GROUP BY 1
ORDER BY 1

-- COMMAND ----------

-- L1 episodes lasting more than 72 hours (903 rule 361), with what the child moved on to
SELECT e.person_id, e.start_date, e.end_date, datediff(e.end_date, e.start_date) AS days,
       e.placement_type, e.reason_ceased, nxt.legal_status AS next_legal_status
FROM delta.`${lakehouse}/silver/cla_episode` e
LEFT JOIN delta.`${lakehouse}/silver/cla_episode` nxt
  ON nxt.la_code = e.la_code AND nxt.person_id = e.person_id AND nxt.start_date = e.end_date
WHERE e.legal_status = 'L1' AND (e.end_date IS NULL OR datediff(e.end_date, e.start_date) > 3)
ORDER BY e.start_date DESC

-- COMMAND ----------

-- Children with more than one police-protection entry
SELECT person_id, count(*) AS l1_periods, min(start_date) AS first_entry, max(start_date) AS latest_entry
FROM delta.`${lakehouse}/silver/cla_period`
WHERE first_legal_status = 'L1'
GROUP BY person_id
HAVING count(*) > 1
ORDER BY l1_periods DESC
