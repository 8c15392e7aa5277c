"use client";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Typography from "@mui/material/Typography";
import { BarChart } from "@mui/x-charts/BarChart";
import { LineChart } from "@mui/x-charts/LineChart";
import type { ReactNode } from "react";
import type { InsightsReport } from "@/lib/insights/insights-report";
import { duration, percent } from "./format-insight";

function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card variant="outlined" data-testid={testId}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

/** The daily series: runs by outcome, rates, and times to PR and merge (MUI X Charts). */
export function InsightsCharts({ daily }: { daily: InsightsReport["daily"] }) {
  const dates = daily.map((day) => day.date.slice(5));
  const xAxis = [{ scaleType: "band" as const, data: dates }];
  const pointAxis = [{ scaleType: "point" as const, data: dates }];
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "1fr 1fr" }, mb: 3 }}>
      <ChartCard title="Runs by outcome per day" testId="chart-outcomes">
        <BarChart
          height={280}
          xAxis={xAxis}
          series={[
            { data: daily.map((day) => day.merged), label: "Merged", stack: "outcome", color: "#2e7d32" },
            { data: daily.map((day) => day.failed), label: "Failed", stack: "outcome", color: "#d32f2f" },
            { data: daily.map((day) => day.needsHuman), label: "Needs a person", stack: "outcome", color: "#ed6c02" },
            { data: daily.map((day) => day.cancelled), label: "Cancelled", stack: "outcome", color: "#9e9e9e" },
          ]}
        />
      </ChartCard>
      <ChartCard title="Success and first-attempt pass rate" testId="chart-rates">
        <LineChart
          height={280}
          xAxis={pointAxis}
          yAxis={[{ min: 0, max: 1, valueFormatter: (value: number) => percent(value) }]}
          series={[
            {
              data: daily.map((day) => day.successRate),
              label: "Success rate",
              connectNulls: true,
              valueFormatter: percent,
            },
            {
              data: daily.map((day) => day.firstAttemptPassRate),
              label: "First-attempt pass rate",
              connectNulls: true,
              valueFormatter: percent,
            },
          ]}
        />
      </ChartCard>
      <ChartCard title="Time to PR and to merge, minutes (p50 and p90)" testId="chart-durations">
        <LineChart
          height={280}
          xAxis={pointAxis}
          series={[
            { data: daily.map((day) => minutes(day.timeToPrSeconds.p50)), label: "To PR p50", connectNulls: true },
            { data: daily.map((day) => minutes(day.timeToPrSeconds.p90)), label: "To PR p90", connectNulls: true },
            {
              data: daily.map((day) => minutes(day.timeToMergeSeconds.p50)),
              label: "To merge p50",
              connectNulls: true,
            },
            {
              data: daily.map((day) => minutes(day.timeToMergeSeconds.p90)),
              label: "To merge p90",
              connectNulls: true,
            },
          ]}
        />
      </ChartCard>
      <ChartCard title="Validation duration (p50) and model spend per day" testId="chart-validation">
        <BarChart
          height={280}
          xAxis={xAxis}
          yAxis={[
            { id: "seconds", valueFormatter: (value: number) => duration(value) },
            { id: "dollars", position: "right" },
          ]}
          series={[
            {
              data: daily.map((day) => day.validationSeconds.p50),
              label: "Validation p50",
              yAxisId: "seconds",
              valueFormatter: duration,
            },
            { data: daily.map((day) => day.costUsd), label: "Spend ($)", yAxisId: "dollars" },
          ]}
        />
      </ChartCard>
    </Box>
  );
}
