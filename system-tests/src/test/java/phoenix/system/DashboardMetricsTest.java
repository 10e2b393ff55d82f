package phoenix.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The names the dashboard check looks for are the metrics of an expression, nothing else. */
class DashboardMetricsTest {

    @Test
    void metricNamesAreThoseOfTheExpressionWithoutFunctionsLabelsAndRanges() {
        assertThat(DashboardMetrics.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(phoenix_tap_duration_seconds_bucket{a=\"b c\"}[5m])))"))
                .containsExactly("phoenix_tap_duration_seconds_bucket");
        assertThat(DashboardMetrics.metricNames("topk(10, sum by (device) (phoenix_bridge_queue_depth))"))
                .containsExactly("phoenix_bridge_queue_depth");
        assertThat(DashboardMetrics.metricNames("phoenix_bridge_leader or on (instance) up"))
                .containsExactly("phoenix_bridge_leader", "up");
    }

    @Test
    void exposedNamesAreTheSeriesNamesOfAPrometheusPage() {
        assertThat(DashboardMetrics.exposed("""
                # HELP x y
                # TYPE phoenix_taps_total counter
                phoenix_taps_total{action="checked_in"} 3.0
                jvm_threads_live_threads 12.0
                """)).containsExactly("jvm_threads_live_threads", "phoenix_taps_total");
    }
}
