// Alert rules on the pipeline's own metrics in Application Insights customMetrics (the storage queue-length metric
// refreshes only daily, so it cannot raise a timely alarm). Rules exist whether or not anyone is e-mailed.

param namePrefix string

param location string

param tags object

param applicationInsightsId string

@description('Address alerts are e-mailed to. Empty: rules fire in the portal only, no action group.')
param alertEmail string = ''

@description('Share of one destination\'s deliveries that may fail within an hour before alerting, in percent.')
@minValue(1)
@maxValue(100)
param failureRateThresholdPercent int = 10

// Metric and dimension values the app emits, in one place.
var deliveriesMetric = 'pipeline.deliveries'
var authFailuresMetric = 'pipeline.auth_failures'
var deadOutcome = 'dead'
var deliveredOutcome = 'delivered'
var skippedOutcome = 'skipped'

var deadLettersQuery = format(
  '''customMetrics
| where name == '{0}' and tostring(customDimensions.outcome) == '{1}'
| summarize deadLettered = sum(valueSum)''',
  deliveriesMetric,
  deadOutcome
)

// Attempts that were neither delivered nor deliberately skipped count as failures (retries included).
var failureRateQuery = format(
  '''customMetrics
| where name == '{0}'
| extend destination = tostring(customDimensions.destination), outcome = tostring(customDimensions.outcome)
| where outcome != '{1}'
| summarize attempts = sum(valueSum), failed = sumif(valueSum, outcome != '{2}') by destination
| where attempts > 0
| extend failureRatePercent = 100.0 * failed / attempts''',
  deliveriesMetric,
  skippedOutcome,
  deliveredOutcome
)

var authFailuresQuery = format(
  '''customMetrics
| where name == '{0}'
| summarize authFailures = sum(valueSum)''',
  authFailuresMetric
)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-ag'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'pipeline'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actions = empty(alertEmail) ? {} : { actionGroups: [actionGroup.id] }

resource deadLetters 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-dead-letters'
  location: location
  tags: tags
  properties: {
    displayName: 'Pipeline: deliveries dead-lettered'
    description: 'At least one delivery was dead-lettered in the last 15 minutes. Inspect the ledger and replay.'
    severity: 2
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: deadLettersQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'deadLettered'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: actions
  }
}

resource failureRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-failure-rate'
  location: location
  tags: tags
  properties: {
    displayName: 'Pipeline: destination failure rate'
    description: 'More than ${failureRateThresholdPercent}% of one destination\'s deliveries failed in the last hour.'
    severity: 2
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: failureRateQuery
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'failureRatePercent'
          operator: 'GreaterThan'
          threshold: failureRateThresholdPercent
          dimensions: [
            {
              name: 'destination'
              operator: 'Include'
              values: ['*']
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: actions
  }
}

resource authFailures 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-auth-failures'
  location: location
  tags: tags
  properties: {
    displayName: 'Pipeline: authentication failures'
    description: 'A platform rejected credentials, or a webhook/API call failed authentication, in the last 15 minutes.'
    severity: 1
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: authFailuresQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'authFailures'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: actions
  }
}
