{{/* Chart name. */}}
{{- define "servicedesk.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Fully qualified app name. */}}
{{- define "servicedesk.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "servicedesk.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "servicedesk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: coi-servicedesk
{{- end -}}

{{/* Selector labels of one role (api or worker): pass (dict "root" $ "role" "api"). */}}
{{- define "servicedesk.selectorLabels" -}}
app.kubernetes.io/name: {{ include "servicedesk.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "servicedesk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "servicedesk.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "servicedesk.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The pod template shared by both roles: pass (dict "root" $ "role" "api" "spec" .Values.api). */}}
{{- define "servicedesk.podTemplate" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
metadata:
  labels:
    {{- include "servicedesk.selectorLabels" . | nindent 4 }}
    {{- with .spec.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    {{- with .spec.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "servicedesk.serviceAccountName" $root }}
  automountServiceAccountToken: false
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ .spec.terminationGracePeriodSeconds }}
  containers:
    - name: servicedesk
      image: {{ include "servicedesk.image" $root }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      securityContext:
        {{- toYaml $v.securityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        # The actuator (probes, metrics) on a port of its own, which the Ingress does not route.
        - name: management
          containerPort: {{ $v.management.port }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ include "servicedesk.fullname" $root }}
      env:
        - name: SERVICEDESK_INSTANCE_ROLES
          value: {{ .role | quote }}
        - name: JAVA_TOOL_OPTIONS
          value: {{ .spec.javaOpts | default $v.javaOpts | quote }}
        {{- if $v.postgresql.existingSecret }}
        {{- if $v.postgresql.jdbcUrlKey }}
        - name: SPRING_DATASOURCE_URL
          valueFrom:
            secretKeyRef:
              name: {{ $v.postgresql.existingSecret }}
              key: {{ $v.postgresql.jdbcUrlKey }}
        {{- end }}
        - name: SPRING_DATASOURCE_USERNAME
          valueFrom:
            secretKeyRef:
              name: {{ $v.postgresql.existingSecret }}
              key: {{ $v.postgresql.usernameKey }}
        - name: SPRING_DATASOURCE_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ $v.postgresql.existingSecret }}
              key: {{ $v.postgresql.passwordKey }}
        {{- end }}
        {{- with $v.elasticsearch.auth }}
        {{- if .existingSecret }}
        {{- if .apiKeyKey }}
        - name: SERVICEDESK_ELASTICSEARCH_API_KEY
          valueFrom:
            secretKeyRef:
              name: {{ .existingSecret }}
              key: {{ .apiKeyKey }}
        {{- else }}
        - name: SERVICEDESK_ELASTICSEARCH_USERNAME
          value: {{ .username | quote }}
        - name: SERVICEDESK_ELASTICSEARCH_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ .existingSecret }}
              key: {{ .passwordKey }}
        {{- end }}
        {{- end }}
        {{- end }}
        {{- if $v.elasticsearch.caCertificate.existingSecret }}
        - name: SERVICEDESK_ELASTICSEARCH_CA_CERTIFICATE
          value: /etc/servicedesk/elasticsearch-ca/{{ $v.elasticsearch.caCertificate.key }}
        {{- end }}
        {{- if $v.localIssuerKey.existingSecret }}
        - name: SERVICEDESK_SECURITY_LOCAL_ISSUER_KEY_LOCATION
          value: /etc/servicedesk/local-issuer/{{ $v.localIssuerKey.key }}
        {{- end }}
        {{- with $v.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        periodSeconds: 5
        failureThreshold: {{ $v.probes.startupFailureThreshold }}
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        periodSeconds: 10
        timeoutSeconds: 3
        failureThreshold: 3
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: management
        periodSeconds: 5
        timeoutSeconds: 3
        failureThreshold: 3
      lifecycle:
        preStop:
          sleep:
            seconds: {{ $v.probes.preStopSleepSeconds }}
      resources:
        {{- toYaml .spec.resources | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- if $v.elasticsearch.caCertificate.existingSecret }}
        - name: elasticsearch-ca
          mountPath: /etc/servicedesk/elasticsearch-ca
          readOnly: true
        {{- end }}
        {{- if $v.localIssuerKey.existingSecret }}
        - name: local-issuer
          mountPath: /etc/servicedesk/local-issuer
          readOnly: true
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $v.tmpSizeLimit }}
    {{- if $v.elasticsearch.caCertificate.existingSecret }}
    - name: elasticsearch-ca
      secret:
        secretName: {{ $v.elasticsearch.caCertificate.existingSecret }}
    {{- end }}
    {{- if $v.localIssuerKey.existingSecret }}
    - name: local-issuer
      secret:
        secretName: {{ $v.localIssuerKey.existingSecret }}
    {{- end }}
  {{- with .spec.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .spec.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if .spec.affinity }}
  affinity:
    {{- toYaml .spec.affinity | nindent 4 }}
  {{- else }}
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels:
                {{- include "servicedesk.selectorLabels" . | nindent 16 }}
  {{- end }}
{{- end -}}
