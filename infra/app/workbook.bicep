// A shared workbook: delivered vs failed per destination over time, read from the pipeline.deliveries metric.

param name string

param location string

param tags object

param applicationInsightsName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's resource name must be a GUID; the display name is what people see.
  name: guid(resourceGroup().id, applicationInsights.id, name)
  location: location
  tags: union(tags, { 'hidden-title': 'Pipeline deliveries' })
  kind: 'shared'
  properties: {
    displayName: 'Pipeline deliveries'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: loadTextContent('workbook.json')
  }
}

output id string = workbook.id
