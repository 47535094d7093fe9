// The worked example of each calculator (hand-computed: see tests/engine/calculators.rs) and
// one bad value with the words its message must contain.
export const CASES = [
  { id: "nps", mode: "counts", inputs: { promoters: "120", passives: "45", detractors: "30" }, close: { nps: 46.153846153846 }, bad: ["passives", "4.5", "must be a whole number"] },
  { id: "csat", mode: "counts", inputs: { satisfied: "78", responses: "120" }, exact: { csat_pct: "65" }, bad: ["satisfied", "130", "can't be more than All answers (120)"] },
  { id: "ces", inputs: { scores: "7 5 4 6 1" }, exact: { ces: "4.6", easy_pct: "60" }, bad: ["easy_min", "8", "can't be more than Scale maximum (7)"] },
  { id: "rating", inputs: { scores: "5\n4\n4\n3" }, exact: { average: "4", average_pct_of_max: "80" }, bad: ["scores", "5 6", "above 5"] },
  { id: "retention-rate", inputs: { customers_start: "200", customers_end: "210", new_customers: "30" }, exact: { retention_pct: "90" }, bad: ["customers_start", "-5", "can't be negative"] },
  { id: "churn-rate", inputs: { customers_start: "400", customers_lost: "20" }, exact: { churn_pct: "5" }, close: { annual_churn_pct: 45.9639912337363 }, bad: ["customers_lost", "401", "you can only lose customers you had"] },
  { id: "renewal-rate", inputs: { up_for_renewal: "120", renewed: "90" }, exact: { renewal_pct: "75" }, bad: ["renewed", "130", "can't renew more customers than were up for renewal"] },
  { id: "repeat-purchase-rate", inputs: { customers: "200", repeat_customers: "30" }, exact: { repeat_purchase_pct: "15" }, bad: ["customers", "abc", "is not a number"] },
  { id: "retention-cost", inputs: { retention_spend: "$12,000", customers: "300" }, exact: { cost_per_customer: "40" }, bad: ["customers", "3%", "not a percentage"] },
  { id: "fcr", inputs: { tickets: "200", resolved_first_contact: "140" }, exact: { fcr_pct: "70" }, bad: ["tickets", "NaN", "not a finite number"] },
  { id: "segment-churn", inputs: { good_fit_start: "100", good_fit_lost: "5", bad_fit_start: "50", bad_fit_lost: "15" }, exact: { good_fit_churn_pct: "5", bad_fit_churn_pct: "30", churn_gap_pts: "25" }, bad: ["bad_fit_lost", "51", "can't be more than"] },
  { id: "mrr", inputs: { active_customers: "250", arpa: "80" }, exact: { mrr: "20000", arr: "240000" }, bad: ["arpa", "1e400", "too large"] },
  { id: "arpa", inputs: { mrr: "20,000", accounts: "250" }, exact: { arpa: "80" }, bad: ["accounts", "2.5", "whole number"] },
  { id: "revenue-churn", inputs: { mrr_start: "10000", churned_mrr: "500", contraction_mrr: "200", expansion_mrr: "900" }, exact: { gross_revenue_churn_pct: "7", net_revenue_churn_pct: "-2" }, bad: ["churned_mrr", "9900", "can't lose more revenue"] },
  { id: "existing-revenue-growth", inputs: { mrr_start: "10000", expansion_mrr: "900", contraction_mrr: "200", churned_mrr: "500" }, exact: { mrr_end_existing: "10200", growth_pct: "2" }, bad: ["expansion_mrr", "(900)", "can't be negative"] },
  { id: "grr", inputs: { renewable_arr: "1,000,000", downsell: "50,000", churn: "100,000" }, exact: { grr_pct: "85" }, bad: ["downsell", "999,999", "can't lose more than the renewable ARR"] },
  { id: "nrr", inputs: { starting_arr: "1000000", expansion: "200000", downsell: "50000", churn: "100000" }, exact: { nrr_pct: "105" }, bad: ["expansion", "1,23", "decimal comma"] },
  { id: "expansion-revenue", inputs: { expansion_this_quarter: "60000", expansion_last_quarter: "50000", csms: "4" }, exact: { qoq_change_pct: "20", per_csm: "15000" }, bad: ["csms", "1.5", "whole number"] },
  { id: "sales-growth-per-client", inputs: { revenue_previous: "100000", clients_previous: "50", revenue_current: "132000", clients_current: "60" }, exact: { per_client_previous: "2000", per_client_current: "2200", growth_pct: "10" }, bad: ["clients_current", "sixty", "is not a number"] },
  { id: "consumption-rate", inputs: { units_used: "800", units_purchased: "1000" }, exact: { consumption_pct: "80" }, bad: ["units_used", "٨٠٠", "digits from another script"] },
  { id: "quick-ratio", inputs: { new_mrr: "10000", expansion_mrr: "5000", churned_mrr: "2000", contraction_mrr: "1750" }, exact: { quick_ratio: "4" }, bad: ["new_mrr", "Infinity", "not a finite number"] },
  { id: "cac", inputs: { sales_spend: "50000", marketing_spend: "30000", implementation_spend: "20000", new_customers: "40" }, exact: { cac: "2500" }, bad: ["new_customers", "-40", "can't be negative"] },
  { id: "ltv", inputs: { arpa: "500", churn_pct: "5", gross_margin_pct: "80" }, exact: { ltv: "8000", lifetime_months: "20" }, bad: ["churn_pct", "120", "at most 100"] },
  { id: "ltv-cac", inputs: { ltv: "42000", cac: "12000" }, exact: { ltv_cac_ratio: "3.5", verdict: "healthy" }, bad: ["cac", "12 000 000 000 000 000", "too large"] },
  { id: "cac-payback", inputs: { cac: "1200", arpa: "100", gross_margin_pct: "80" }, exact: { payback_months: "15" }, bad: ["gross_margin_pct", "-1", "can't be negative"] },
  { id: "time-to-first-value", inputs: { days: "10\n20\n30\n40" }, exact: { avg_days: "25", median_days: "25" }, bad: ["days", "10 -3", "below 0"] },
  { id: "engagement-activity", inputs: { touchpoints: "120", accounts: "40", period_days: "30" }, exact: { per_account: "3", per_week: "28" }, bad: ["period_days", "0", "at least 1"] },
  { id: "advocacy-activity", inputs: { referrals: "5", reviews: "3", case_studies: "1", other: "1", customers: "200" }, exact: { total: "10", per_100_customers: "5" }, bad: ["reviews", "3.5", "whole number"] },
  { id: "referral-rate", inputs: { new_customers: "40", referred_customers: "10" }, exact: { referral_pct: "25" }, bad: ["referred_customers", "41", "referred customers are among the new customers"] },
  { id: "repeat-request-rate", inputs: { clients: "80", repeat_clients: "20" }, exact: { repeat_request_pct: "25" }, bad: ["repeat_clients", "81", "can't be more than Clients (80)"] },
  { id: "health-score", inputs: { usage: "80", engagement: "70", support: "90", sentiment: "60", nps: "20" }, exact: { health_score: "72", band: "stable" }, bad: ["usage", "101", "at most 100"] },
];

/** The query string that opens a case with its inputs (a current link: `v=2`, numbers read
 *  canonically, so "$12,000" is 12,000 for every reader). */
export function caseQuery(c) {
  const params = new URLSearchParams({ calc: c.id, v: "2" });
  if (c.mode) params.set("mode", c.mode);
  for (const [id, text] of Object.entries(c.inputs)) params.set(id, text);
  return params.toString();
}
