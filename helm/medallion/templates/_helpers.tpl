{{/* Names */}}
{{- define "medallion.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "medallion.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name of one component: (dict "root" $ "component" "gold-kpi") */}}
{{- define "medallion.componentName" -}}
{{- printf "%s-%s" (include "medallion.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "medallion.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels: (dict "root" $ "component" "gold-kpi") */}}
{{- define "medallion.selectorLabels" -}}
app.kubernetes.io/name: {{ include "medallion.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "medallion.labels" -}}
helm.sh/chart: {{ include "medallion.chart" .root }}
{{ include "medallion.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: medallion
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* Labels of chart-wide objects (secrets, the lake volume). */}}
{{- define "medallion.commonLabels" -}}
helm.sh/chart: {{ include "medallion.chart" . }}
app.kubernetes.io/name: {{ include "medallion.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: medallion
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The image of a service: (dict "root" $ "service" "gold-kpi") */}}
{{- define "medallion.image" -}}
{{- $repository := printf "medallion/%s" .service -}}
{{- with .root.Values.image.registry -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository -}}
{{- end -}}
{{- printf "%s:%s" $repository (toString .root.Values.image.tag) -}}
{{- end -}}

{{- define "medallion.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "medallion.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The environment variable of a setting key, as io.medallion.common.config.Settings.envName does it. */}}
{{- define "medallion.envName" -}}
{{- . | upper | replace "." "_" | replace "-" "_" -}}
{{- end -}}

{{/* A setting's value as text; whole numbers stay whole (YAML numbers arrive as float64). */}}
{{- define "medallion.settingValue" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) -}}
{{- int64 . -}}
{{- else -}}
{{- toString . -}}
{{- end -}}
{{- end -}}

{{/* Adds a settings map (key -> value) to an environment dict: (dict "env" $env "settings" $map) */}}
{{- define "medallion.addSettings" -}}
{{- $env := .env -}}
{{- range $key, $value := .settings -}}
{{- $_ := set $env (include "medallion.envName" $key) (include "medallion.settingValue" $value) -}}
{{- end -}}
{{- end -}}

{{/* Settings every service reads. */}}
{{- define "medallion.commonEnv" -}}
MEDALLION_SHUTDOWN_TIMEOUT: {{ printf "%ds" (int .Values.shutdownTimeoutSeconds) | quote }}
MEDALLION_LOG_FORMAT: {{ .Values.logFormat | quote }}
{{- end -}}

{{- define "medallion.terminationGracePeriodSeconds" -}}
{{- add (int .Values.shutdownTimeoutSeconds) 15 -}}
{{- end -}}

{{/* Secrets */}}
{{- define "medallion.postgresSecretName" -}}
{{- default (printf "%s-postgres" (include "medallion.fullname" .)) .Values.postgres.auth.existingSecret -}}
{{- end -}}

{{- define "medallion.piiSecretName" -}}
{{- default (printf "%s-pii" (include "medallion.fullname" .)) .Values.silver.pii.existingSecret -}}
{{- end -}}

{{- define "medallion.piiSecretKey" -}}
{{- if .Values.silver.pii.existingSecret -}}
{{- .Values.silver.pii.existingSecretKey -}}
{{- else -}}
hmac-key
{{- end -}}
{{- end -}}

{{/* "true" when the chart creates the lake credentials Secret from values. */}}
{{- define "medallion.lakeCredentialsFromValues" -}}
{{- $c := .Values.lake.credentials -}}
{{- if and (not $c.existingSecret) (or $c.s3.accessKeyId $c.s3.secretAccessKey $c.azure.clientSecret $c.gcs.keyJson) -}}
true
{{- end -}}
{{- end -}}

{{/* The lake credentials Secret, or nothing when there is none. */}}
{{- define "medallion.lakeSecretName" -}}
{{- if .Values.lake.credentials.existingSecret -}}
{{- .Values.lake.credentials.existingSecret -}}
{{- else if include "medallion.lakeCredentialsFromValues" . -}}
{{- printf "%s-lake-credentials" (include "medallion.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "medallion.lakeScheme" -}}
{{- (urlParse .Values.lake.root).scheme | lower -}}
{{- end -}}

{{/* Where a file: lake root is mounted (its path). */}}
{{- define "medallion.lakeMountPath" -}}
{{- (urlParse .Values.lake.root).path -}}
{{- end -}}

{{- define "medallion.lakeClaimName" -}}
{{- default (printf "%s-lake" (include "medallion.fullname" .)) .Values.lake.persistence.existingClaim -}}
{{- end -}}

{{/* Pod-level pieces shared by every workload. */}}
{{- define "medallion.podAnnotations" -}}
{{- if .root.Values.monitoring.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/path: /prometheus
prometheus.io/port: "8080"
{{- end }}
{{- with .extra }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "medallion.podSecurity" -}}
serviceAccountName: {{ include "medallion.serviceAccountName" . }}
automountServiceAccountToken: false
terminationGracePeriodSeconds: {{ include "medallion.terminationGracePeriodSeconds" . }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "medallion.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Container pieces: the HTTP port and the probes on the services' health endpoints. */}}
{{- define "medallion.httpPort" -}}
ports:
  - name: http
    containerPort: 8080
    protocol: TCP
{{- end -}}

{{- define "medallion.probes" -}}
startupProbe:
  httpGet:
    path: /health/liveness
    port: http
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
  timeoutSeconds: {{ .Values.probes.startup.timeoutSeconds }}
livenessProbe:
  httpGet:
    path: /health/liveness
    port: http
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
  timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
readinessProbe:
  httpGet:
    path: /health/readiness
    port: http
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
  timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
{{- end -}}

{{- define "medallion.containerSecurity" -}}
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
{{- end -}}

{{/* A headless Service per component: the StatefulSets' network identity and the scrape target. */}}
{{- define "medallion.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "medallion.componentName" . }}
  labels:
    {{- include "medallion.labels" . | nindent 4 }}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    {{- include "medallion.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
{{- end -}}

{{/* One voluntary disruption at a time: a consumer group rebalances once per evicted pod. */}}
{{- define "medallion.pdb" -}}
{{- if .root.Values.podDisruptionBudget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "medallion.componentName" . }}
  labels:
    {{- include "medallion.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .root.Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "medallion.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}
