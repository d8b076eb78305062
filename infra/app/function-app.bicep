// The Flex Consumption (FC1) plan and the function app. Every setting is keyless: the host's own
// storage, the connectors' tables and Application Insights are all reached with the app's
// user-assigned identity, so no key or key-bearing connection string is ever written here.

@description('Function app name (also the start of its default host name).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app.')
param tags { *: string }

@description('The service name in azure.yaml; azd finds the app by this tag.')
param serviceName string

@description('The user-assigned identity the app runs as.')
param identityName string

@description('The account holding the host\'s state and the deployment package.')
param hostStorageAccountName string

@description('The blob container, in the host account, that holds the deployment package.')
param deploymentContainerName string

@description('The account holding the connectors\' tables.')
param dataStorageAccountName string

@description('Table of connectors (Tables__Connectors).')
param connectorsTableName string

@description('Table of API key hashes (Tables__ApiKeys).')
param apiKeysTableName string

@description('Application Insights component that receives telemetry (Entra-authenticated).')
param applicationInsightsName string

@description('The .NET version of the isolated worker (the app\'s TargetFramework).')
param dotnetVersion string

@description('Most instances the app may scale out to: a ceiling on cost as well as on load.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostStorageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: dataStorageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
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

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // The host's own state (keys, locks): blob only; an HTTP-only app needs no queue or table.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: hostStorage.properties.primaryEndpoints.blob
        }
        // The connectors' tables, read by Connectors.Api.ConnectorsApiServices.
        {
          name: 'ConnectorsStorage__tableServiceUri'
          value: dataStorage.properties.primaryEndpoints.table
        }
        {
          name: 'ConnectorsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'ConnectorsStorage__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'Tables__Connectors'
          value: connectorsTableName
        }
        {
          name: 'Tables__ApiKeys'
          value: apiKeysTableName
        }
        // Telemetry with Entra authentication (the component refuses instrumentation-key-only ingestion).
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

// No publishing with user names and passwords: deployments (azd, az) authenticate with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
