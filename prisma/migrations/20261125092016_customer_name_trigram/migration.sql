-- CreateIndex
CREATE INDEX "customers_search_name_trgm_idx" ON "customers" USING GIN ("search_name" gin_trgm_ops);
