{{- define "bridge.name" -}}{{ .Release.Name }}{{- end -}}

{{- define "bridge.labels" -}}
app.kubernetes.io/name: tangoe-itsm-bridge
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The Deployments to render: the enabled services, plus one notifier per adapter consumer. */}}
{{- define "bridge.workloads" -}}
{{- $out := list -}}
{{- range $name, $svc := .Values.services -}}
{{- if $svc.enabled -}}
{{- $out = append $out (dict "name" $name "app" $name "svc" $svc "group" "") -}}
{{- end -}}
{{- end -}}
{{- range .Values.adapterConsumers -}}
{{- $svc := merge (deepCopy .) (deepCopy (index $.Values.services "outbound-notifier")) -}}
{{- $out = append $out (dict "name" (printf "outbound-notifier-%s" .name) "app" "outbound-notifier" "svc" $svc "group" (printf "outbound-notifier-%s" .name)) -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* The image, by digest when one is given: a tag can be moved, a digest cannot. */}}
{{- define "bridge.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}
{{- end -}}
