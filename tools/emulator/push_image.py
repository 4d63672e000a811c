"""Push an image into the emulator's ECR as ``docker push`` does, without Docker.

    python tools/emulator/push_image.py REPOSITORY[:TAG] [--create-repository] [--endpoint-url URL] [--region R]

What ``docker push`` sends to ECR (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push.html and the
layer upload API, https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_InitiateLayerUpload.html):
BatchCheckLayerAvailability, then for each missing blob (the image config and one layer, small, made up but
well-formed) InitiateLayerUpload, UploadLayerPart and CompleteLayerUpload, then PutImage with a Docker image
manifest v2 schema 2 naming those digests. The image digest is the SHA-256 of the manifest, as ECR computes it;
it is printed (``sha256:...``). Pushing the same REPOSITORY:TAG twice pushes the same image (same digest).
The repository must exist unless ``--create-repository`` is given (then it is created if missing).
The endpoint is ``--endpoint-url``, else AWS_ENDPOINT_URL; the region ``--region``, else AWS_REGION or eu-west-1.

From Python (tests): ``push_image(ecr_client, repository, tag) -> digest``.
"""

import argparse
import hashlib
import json
import os
import sys

MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json"
CONFIG_MEDIA_TYPE = "application/vnd.docker.container.image.v1+json"
LAYER_MEDIA_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip"


def _digest(blob):
    return "sha256:" + hashlib.sha256(blob).hexdigest()


def image_blobs(repository, tag, seed=None):
    """The (config, layer) blobs of a made-up image, the same for the same repository, tag and seed."""
    name = f"{repository}:{tag}" + (f"#{seed}" if seed is not None else "")
    layer = ("tickr made-up layer for " + name + "\n").encode() * 4
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["/bin/true"], "Labels": {"tn.tickr.emulator.image": name}},
        "rootfs": {"type": "layers", "diff_ids": [_digest(layer)]},
    }, sort_keys=True, separators=(",", ":")).encode()
    return config, layer


def manifest_for(config, layer):
    return json.dumps({
        "schemaVersion": 2,
        "mediaType": MANIFEST_MEDIA_TYPE,
        "config": {"mediaType": CONFIG_MEDIA_TYPE, "size": len(config), "digest": _digest(config)},
        "layers": [{"mediaType": LAYER_MEDIA_TYPE, "size": len(layer), "digest": _digest(layer)}],
    }, indent=3)


def _upload(ecr, repository, blob):
    upload = ecr.initiate_layer_upload(repositoryName=repository)
    ecr.upload_layer_part(repositoryName=repository, uploadId=upload["uploadId"], partFirstByte=0,
                          partLastByte=len(blob) - 1, layerPartBlob=blob)
    ecr.complete_layer_upload(repositoryName=repository, uploadId=upload["uploadId"], layerDigests=[_digest(blob)])


def push_image(ecr, repository, tag="latest", create_repository=False, seed=None):
    """Push a made-up image to REPOSITORY:TAG through the ECR API and return its digest (sha256:...)."""
    if create_repository:
        try:
            ecr.create_repository(repositoryName=repository)
        except ecr.exceptions.RepositoryAlreadyExistsException:
            pass
    config, layer = image_blobs(repository, tag, seed)
    blobs = {_digest(b): b for b in (config, layer)}
    available = ecr.batch_check_layer_availability(repositoryName=repository, layerDigests=list(blobs))
    present = {layer_["layerDigest"] for layer_ in available.get("layers", [])
               if layer_.get("layerAvailability") == "AVAILABLE"}
    for digest, blob in blobs.items():
        if digest not in present:
            _upload(ecr, repository, blob)
    manifest = manifest_for(config, layer)
    digest = _digest(manifest.encode())
    try:
        ecr.put_image(repositoryName=repository, imageManifest=manifest, imageManifestMediaType=MANIFEST_MEDIA_TYPE,
                      imageTag=tag, imageDigest=digest)
    except ecr.exceptions.ImageAlreadyExistsException:
        pass  # this very image already carries this tag: docker push is then a no-op
    return digest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("image", metavar="REPOSITORY[:TAG]")
    parser.add_argument("--create-repository", action="store_true", help="create the repository when missing")
    parser.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"))
    parser.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
                        or "eu-west-1")
    args = parser.parse_args(argv)
    if not args.endpoint_url:
        parser.error("no endpoint: give --endpoint-url or set AWS_ENDPOINT_URL (this tool pushes to the emulator)")
    repository, tag = args.image.split(":", 1) if ":" in args.image else (args.image, "")
    import boto3  # here, so that --help works without it

    ecr = boto3.client("ecr", region_name=args.region, endpoint_url=args.endpoint_url,
                       aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                       aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
                       aws_session_token=os.environ.get("AWS_SESSION_TOKEN", "testing"))
    try:
        print(push_image(ecr, repository, tag or "latest", create_repository=args.create_repository))
    except ecr.exceptions.RepositoryNotFoundException as error:
        sys.exit(f"push_image: {error.response['Error']['Message']} (give --create-repository to create it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
