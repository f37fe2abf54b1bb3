// Flex Consumption plan and the function app. Every connection is identity-based: the storage account has no keys,
// Application Insights takes Entra ID tokens only, secrets are Key Vault references resolved by the same identity.

param name string

param planName string

param location string

param tags object

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of that identity (for AzureWebJobsStorage, App Insights and DefaultAzureCredential).')
param identityClientId string

param storageAccountName string

param deploymentContainerName string

param applicationInsightsConnectionString string

param keyVaultName string

@description('Name of each Key Vault secret the app settings refer to, or empty when that secret was not provided.')
param vaultSecretNames {
  pipelineApiKey: string
  operatorKey: string
  shopifyWebhookSecret: string
  stripeWebhookSecret: string
}

param eventsQueueName string

param deliveriesQueueName string

param tablePrefix string

@description('Shopify shop domain (example.myshopify.com) the webhook secret belongs to. Empty: not set.')
param shopifyShopDomain string

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Concurrent HTTP requests one instance takes before Flex adds another.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Instances kept warm for the HTTP group (collector and webhooks). 0: scale from zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int

@description('More app settings (destinations, source options), merged last so they can override any default here.')
param extraAppSettings object

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// The pipeline's own setting names, in one place: when the app's options change shape, change them here.
var pipelineSettingNames = {
  eventsQueue: 'Pipeline__EventsQueue'
  deliveriesQueue: 'Pipeline__DeliveriesQueue'
  tablePrefix: 'Pipeline__TablePrefix'
  apiKeys: 'Pipeline__ApiKeys'
  operatorKeys: 'Pipeline__OperatorKeys'
  shopifyShopDomain: 'Pipeline__Sources__Shopify__Shops__0__Domain'
  shopifyWebhookSecret: 'Pipeline__Sources__Shopify__Shops__0__Secrets'
  stripeWebhookSecret: 'Pipeline__Sources__Stripe__Secrets'
}

var hostSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

var pipelineSettings = union(
  {
    '${pipelineSettingNames.eventsQueue}': eventsQueueName
    '${pipelineSettingNames.deliveriesQueue}': deliveriesQueueName
    '${pipelineSettingNames.tablePrefix}': tablePrefix
  },
  empty(shopifyShopDomain) ? {} : { '${pipelineSettingNames.shopifyShopDomain}': shopifyShopDomain },
  secretReference(pipelineSettingNames.apiKeys, vault.properties.vaultUri, vaultSecretNames.pipelineApiKey),
  secretReference(pipelineSettingNames.operatorKeys, vault.properties.vaultUri, vaultSecretNames.operatorKey),
  secretReference(
    pipelineSettingNames.shopifyWebhookSecret,
    vault.properties.vaultUri,
    vaultSecretNames.shopifyWebhookSecret
  ),
  secretReference(
    pipelineSettingNames.stripeWebhookSecret,
    vault.properties.vaultUri,
    vaultSecretNames.stripeWebhookSecret
  )
)

// Lets extraAppSettings name a vault secret before the vault's name is known, e.g.
// "@Microsoft.KeyVault(VaultName={keyVaultName};SecretName=meta-access-token)".
var expandedExtraSettings = toObject(
  items(extraAppSettings),
  setting => setting.key,
  setting => replace(string(setting.value), '{keyVaultName}', vault.name)
)

// An unversioned SecretUri, so a rotated secret reaches the app without a redeploy.
func secretReference(settingName string, vaultUri string, secretName string) object =>
  empty(secretName) ? {} : { '${settingName}': '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})' }

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(hostSettings, pipelineSettings, expandedExtraSettings)
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
