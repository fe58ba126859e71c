module github.com/eeplay/eeplay

go 1.26

tool github.com/ferranbt/fastssz/sszgen

require (
	github.com/andybalholm/brotli v1.2.8
	github.com/evanw/esbuild v0.28.2
	github.com/ferranbt/fastssz v0.1.4
	github.com/tetratelabs/wazero v1.12.0
)

require (
	github.com/emicklei/dot v1.6.2 // indirect
	github.com/klauspost/cpuid/v2 v2.0.9 // indirect
	github.com/minio/sha256-simd v1.0.0 // indirect
	github.com/mitchellh/mapstructure v1.3.2 // indirect
	golang.org/x/sys v0.44.0 // indirect
	gopkg.in/yaml.v2 v2.3.0 // indirect
)
