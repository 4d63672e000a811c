"""S3 lifecycle configurations keep the TransitionDefaultMinimumObjectSize they were given.

AWS: PutBucketLifecycleConfiguration takes the header ``x-amz-transition-default-minimum-object-size``
(``all_storage_classes_128K``, the default since September 2024, or ``varies_by_storage_class``, which lets objects
under 128 KB move to S3 Glacier Flexible Retrieval and Deep Archive) and answers with the value applied in the same
header; GetBucketLifecycleConfiguration returns it in that header; DeleteBucketLifecycle drops it with the rules.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLifecycleConfiguration.html
https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
moto 5.2.5: ignores the header on PUT, answers without it, and always returns ``all_storage_classes_128K``.
"""

from moto.s3.responses import S3Response

HEADER = "x-amz-transition-default-minimum-object-size"
DEFAULT = "all_storage_classes_128K"
_ATTRIBUTE = "_tickr_transition_default_minimum_object_size"


def apply():
    original_put = S3Response._bucket_response_put
    original_get = S3Response.get_bucket_lifecycle
    original_delete = S3Response.delete_bucket_lifecycle

    def _bucket_response_put(self, request, bucket_name, querystring):
        response = original_put(self, request, bucket_name, querystring)
        # moto answers "" when it stored the rules; anything else (an error) goes back as it is.
        if "lifecycle" not in (querystring or {}) or response != "":
            return response
        value = request.headers.get(HEADER) or DEFAULT
        setattr(self.backend.get_bucket(bucket_name), _ATTRIBUTE, value)
        return 200, {HEADER: value}, ""

    def get_bucket_lifecycle(self):
        status, headers, body = original_get(self)
        headers = dict(headers, **{HEADER: getattr(self.backend.get_bucket(self.bucket_name), _ATTRIBUTE, DEFAULT)})
        return status, headers, body

    def delete_bucket_lifecycle(self):
        response = original_delete(self)
        bucket = self.backend.get_bucket(self.bucket_name)
        if hasattr(bucket, _ATTRIBUTE):
            delattr(bucket, _ATTRIBUTE)
        return response

    S3Response._bucket_response_put = _bucket_response_put
    S3Response.get_bucket_lifecycle = get_bucket_lifecycle
    S3Response.delete_bucket_lifecycle = delete_bucket_lifecycle
