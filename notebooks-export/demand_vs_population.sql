-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Demand against population growth
-- MAGIC Each demand series as an index (base year = 100) beside the 0-17 population, and the growth that the
-- MAGIC population does not explain (`demand_index`, `demand_excess_growth`).

-- COMMAND ----------

CREATE WIDGET TEXT lakehouse DEFAULT './lakehouse'

-- COMMAND ----------

-- Index by series and year, wide
SELECT time_period,
       max(CASE WHEN breakdown_value = 'population_0_17' THEN value END) AS population_0_17,
       max(CASE WHEN breakdown_value = 'referrals' THEN value END) AS referrals,
       max(CASE WHEN breakdown_value = 's47_enquiries' THEN value END) AS s47_enquiries,
       max(CASE WHEN breakdown_value = 'cpp_starts' THEN value END) AS cpp_starts,
       max(CASE WHEN breakdown_value = 'cla_starts' THEN value END) AS cla_starts,
       max(CASE WHEN breakdown_value = 'cin_31mar' THEN value END) AS cin_31mar
FROM delta.`${lakehouse}/gold/demand`
WHERE measure_id = 'demand_index' AND breakdown = 'series'
GROUP BY time_period
ORDER BY time_period

-- COMMAND ----------

-- Growth beyond population growth, latest year first
SELECT time_period, breakdown_value AS series, value AS excess_growth_pp
FROM delta.`${lakehouse}/gold/demand`
WHERE measure_id = 'demand_excess_growth'
ORDER BY time_period DESC, excess_growth_pp DESC

-- COMMAND ----------

-- Referrals per 10,000 from silver, year by year, with the mid-(Y-1) population (measures.md convention)
WITH refs AS (
  SELECT la_code, year(add_months(referral_date, 9)) AS reporting_year, count(*) AS referrals
  FROM delta.`${lakehouse}/silver/referral`
  GROUP BY la_code, year(add_months(referral_date, 9))
),
pop AS (
  SELECT la_code, mid_year, sum(population) AS population
  FROM delta.`${lakehouse}/silver/population`
  WHERE NOT coalesce(is_projection, false)
  GROUP BY la_code, mid_year
)
SELECT r.la_code, r.reporting_year, r.referrals, p.population,
       round(r.referrals * 10000.0 / p.population, 1) AS referrals_per_10000,
       round(100.0 * p.population / first_value(p.population) OVER (PARTITION BY r.la_code ORDER BY r.reporting_year), 1) AS population_index
FROM refs r
LEFT JOIN pop p ON p.la_code = r.la_code AND p.mid_year = r.reporting_year - 1
ORDER BY r.la_code, r.reporting_year

-- COMMAND ----------

-- Projections: the population projection beside the latest estimate
SELECT la_code, mid_year, sum(population) AS population, max(is_projection) AS is_projection
FROM delta.`${lakehouse}/silver/population`
GROUP BY la_code, mid_year
ORDER BY la_code, mid_year
