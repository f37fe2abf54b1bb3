// Key Vault for webhook secrets and platform tokens. RBAC authorization (no access policies), soft delete on.
// A secret whose value is empty is not created, so a partial setup deploys and the rest can be added later.

param name string

param location string

param tags object

@description('Secret name to value. Empty values are skipped.')
@secure()
param secrets object = {}

@description('Days a deleted vault or secret can be recovered. `azd down --purge` removes it at once.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    publicNetworkAccess: 'Enabled'
  }
}

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in items(secrets): if (!empty(secret.value)) {
    parent: vault
    name: secret.key
    properties: {
      value: secret.value
    }
  }
]

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
